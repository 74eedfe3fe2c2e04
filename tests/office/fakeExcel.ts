/**
 * In-memory fake of the slice of the Excel JavaScript API that src/hosts/office uses.
 * Like the real thing:
 *  - operations are queued and applied only at context.sync(), in order;
 *  - reading a property that was not loaded (and synced) throws PropertyNotLoaded;
 *  - a request whose JSON is over 5 MB is refused (RequestPayloadSizeLimitExceeded), as is a
 *    response over 5 MB (ResponsePayloadSizeLimitExceeded);
 *  - typed input is coerced as Excel does: "=…", "+…", "-…", "@…" become formulas, numeric text
 *    becomes a number, a leading apostrophe keeps text (and is dropped), "@" number format keeps text;
 *  - it can pretend to be in cell-edit mode for the next N syncs.
 * It counts syncs and request bytes (JSON size of the queued operations).
 */
import { parseRange, rangeAddress, type RangeBox } from '../../src/hosts/office/address';
import type { ExcelRun, XlContext } from '../../src/hosts/office/types';

export const LIMIT = 5 * 1024 * 1024;

export class ExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

type Value = string | number | boolean | null;
export interface CellState {
  v: Value;
  f?: string;
}

export interface LogEntry {
  sheet: string;
  path: string;
  op: 'set' | 'call';
  name: string;
  value: unknown;
}

export class SheetState {
  visibility = 'Visible';
  protected = false;
  cells = new Map<number, Map<number, CellState>>();
  formats: { box: RangeBox; nf: string }[] = [];
  unlocked: RangeBox[] = [];
  constructor(public name: string) {}

  get(row: number, col: number): CellState | undefined {
    return this.cells.get(row)?.get(col);
  }
  set(row: number, col: number, c: CellState | null): void {
    if (!c) {
      this.cells.get(row)?.delete(col);
      return;
    }
    let m = this.cells.get(row);
    if (!m) this.cells.set(row, (m = new Map()));
    m.set(col, c);
  }
  nf(row: number, col: number): string {
    for (let i = this.formats.length - 1; i >= 0; i--) {
      const { box, nf } = this.formats[i];
      if (row >= box.r1 && row <= box.r2 && col >= box.c1 && col <= box.c2) return nf;
    }
    return 'General';
  }
  used(): RangeBox | null {
    let b: RangeBox | null = null;
    for (const [r, m] of this.cells)
      for (const [c, cell] of m) {
        if ((cell.v === null || cell.v === '') && !cell.f) continue;
        if (!b) b = { r1: r, c1: c, r2: r, c2: c };
        else {
          b.r1 = Math.min(b.r1, r);
          b.r2 = Math.max(b.r2, r);
          b.c1 = Math.min(b.c1, c);
          b.c2 = Math.max(b.c2, c);
        }
      }
    return b;
  }
  /** Values from A1 (for assertions). */
  grid(): Value[][] {
    const u = this.used();
    if (!u) return [];
    const out: Value[][] = [];
    for (let r = 1; r <= u.r2; r++) {
      const row: Value[] = [];
      for (let c = 1; c <= u.c2; c++) row.push(this.get(r, c)?.v ?? '');
      out.push(row);
    }
    return out;
  }
}

/** How Excel stores typed input. */
export function coerce(x: unknown, nf: string): CellState | null | undefined {
  if (x === null || x === undefined) return undefined; // null in a 2D write: leave the cell
  if (typeof x === 'number' || typeof x === 'boolean') return { v: x };
  const s = String(x);
  if (s === '') return null;
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (nf === '@') return { v: s };
  if (s.startsWith('=')) return { v: '', f: s }; // results are not computed; our templates' formulas show "" until filled
  if (s.startsWith('@')) return { v: '', f: `=${s.slice(1)}` };
  if (/^[+-]/.test(s)) {
    const n = Number(s);
    return s.trim().length > 1 && !Number.isNaN(n) ? { v: n } : { v: '', f: `=${s}` };
  }
  if (/^\s*\d+(\.\d+)?\s*$/.test(s)) return { v: Number(s) };
  if (/^(true|false)$/i.test(s)) return { v: s.toLowerCase() === 'true' };
  return { v: s };
}

interface Op {
  desc: unknown;
  apply: () => void;
}
interface Load {
  desc: unknown;
  apply: () => unknown;
}

function bytesOf(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v) ?? 'null', 'utf8');
}

const notLoaded = (what: string): never => {
  throw new ExcelError('PropertyNotLoaded', `The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()".`);
};

function cmpVersion(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export class FakeExcel {
  sheets: SheetState[] = [];
  names = new Map<string, string>();
  log: LogEntry[] = [];
  /** Round trips, including refused ones. */
  syncs = 0;
  /** Request bytes per sync. */
  requests: number[] = [];
  responses: number[] = [];
  /** Operations still queued when an Excel.run ended (should be 0). */
  unsynced = 0;
  /** The next N syncs fail with InvalidOperationInCellEditMode. */
  cellEditFailures = 0;
  selected: { sheet: string; address: string } | null = null;
  active = '';

  constructor(public apiVersion = '1.12', public limit = LIMIT) {
    this.sheets.push(new SheetState('Sheet1'));
  }

  isSetSupported = (name: string, version: string): boolean => name === 'ExcelApi' && cmpVersion(version, this.apiVersion) <= 0;

  run: ExcelRun = async (fn) => {
    const ctx = new FakeContext(this);
    const out = await fn(ctx as unknown as XlContext);
    this.unsynced += ctx.queue.length + ctx.loads.length;
    return out;
  };

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Put values into a sheet directly (test setup; no sync counted). */
  seed(name: string, values: Value[][], at = 'A1'): SheetState {
    let s = this.sheet(name);
    if (!s) this.sheets.push((s = new SheetState(name)));
    const box = parseRange(at);
    values.forEach((row, i) => row.forEach((v, j) => s!.set(box.r1 + i, box.c1 + j, v === null || v === '' ? null : { v })));
    return s;
  }

  get maxRequest(): number {
    return Math.max(0, ...this.requests);
  }

  /** Log entries whose path or name contains `text`. */
  logOf(text: string): LogEntry[] {
    return this.log.filter((l) => l.path.includes(text) || l.name.includes(text));
  }
}

class FakeContext {
  queue: Op[] = [];
  loads: Load[] = [];
  workbook: any;
  application: any;
  constructor(readonly x: FakeExcel) {
    this.workbook = new WorkbookObj(this);
    this.application = recorder(this, '', 'application');
  }
  push(desc: unknown, apply: () => void): void {
    this.queue.push({ desc, apply });
  }
  async sync(): Promise<void> {
    const x = this.x;
    const queue = this.queue;
    const loads = this.loads;
    this.queue = [];
    this.loads = [];
    x.syncs++;
    const bytes = bytesOf(queue.map((o) => o.desc)) + bytesOf(loads.map((l) => l.desc));
    x.requests.push(bytes);
    if (x.cellEditFailures > 0) {
      x.cellEditFailures--;
      throw new ExcelError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    }
    if (bytes > x.limit) throw new ExcelError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes`);
    for (const op of queue) op.apply();
    let response = 0;
    for (const l of loads) response += bytesOf(l.apply());
    x.responses.push(response);
    if (response > x.limit) throw new ExcelError('ResponsePayloadSizeLimitExceeded', `response of ${response} bytes`);
  }
}

/** A recorder for API objects we only write to (format, dataValidation, charts, pageLayout …). */
function recorder(ctx: FakeContext, sheet: string, path: string): any {
  const target = function () {
    /* callable */
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      if (prop === 'toJSON') return () => ({ ref: path });
      return recorder(ctx, sheet, `${path}.${String(prop)}`);
    },
    set(_t, prop, value) {
      const name = String(prop);
      ctx.push({ o: path, p: name, v: value }, () => {
        ctx.x.log.push({ sheet, path, op: 'set', name, value });
        if (path.endsWith('.format.protection') && name === 'locked' && value === false) {
          const s = ctx.x.sheet(sheet);
          const addr = path.split('!')[1]?.split('.')[0];
          if (s && addr) s.unlocked.push(parseRange(addr));
        }
      });
      return true;
    },
    apply(_t, _this, args) {
      const i = path.lastIndexOf('.');
      const obj = path.slice(0, i);
      const name = path.slice(i + 1);
      ctx.push({ o: obj, m: name, a: args }, () => ctx.x.log.push({ sheet, path: obj, op: 'call', name, value: args }));
      return recorder(ctx, sheet, `${path}()`);
    },
  });
}

class WorkbookObj {
  worksheets: WorksheetsObj;
  names: NamesObj;
  comments: any;
  constructor(private ctx: FakeContext) {
    this.worksheets = new WorksheetsObj(ctx);
    this.names = new NamesObj(ctx);
    this.comments = recorder(ctx, '', 'comments');
  }
}

class WorksheetsObj {
  private loaded: WorksheetObj[] | null = null;
  constructor(private ctx: FakeContext) {}
  get items(): WorksheetObj[] {
    return this.loaded ?? notLoaded('items');
  }
  load(props: string): void {
    this.ctx.loads.push({
      desc: { o: 'worksheets', load: props },
      apply: () => {
        this.loaded = this.ctx.x.sheets.map((s) => {
          const ws = new WorksheetObj(this.ctx, () => s, s.name);
          ws.loadedNow(['name', 'visibility']);
          return ws;
        });
        return this.loaded.map((w) => w.name);
      },
    });
  }
  add(name: string): WorksheetObj {
    let state: SheetState | undefined;
    this.ctx.push({ o: 'worksheets', m: 'add', a: [name] }, () => {
      if (this.ctx.x.sheet(name)) throw new ExcelError('ItemAlreadyExists', `sheet ${name}`);
      state = new SheetState(name);
      this.ctx.x.sheets.push(state);
    });
    return new WorksheetObj(this.ctx, () => state ?? (() => { throw new ExcelError('ItemNotFound', name); })(), name);
  }
  getItem(name: string): WorksheetObj {
    return new WorksheetObj(this.ctx, bind(() => this.ctx.x.sheet(name), name), name);
  }
}

/** Bind to the sheet of that name the first time an operation needs it (as Excel binds objects). */
function bind(find: () => SheetState | undefined, name: string): () => SheetState {
  let s: SheetState | undefined;
  return () => {
    s ??= find();
    if (!s) throw new ExcelError('ItemNotFound', `The requested resource doesn't exist: ${name}`);
    return s;
  };
}

class WorksheetObj {
  private props = new Map<string, unknown>();
  freezePanes: any;
  charts: any;
  tables: any;
  pageLayout: any;
  autoFilter: any;
  protection: ProtectionObj;
  constructor(private ctx: FakeContext, readonly state: () => SheetState, private label: string) {
    this.freezePanes = recorder(ctx, label, `${label}.freezePanes`);
    this.charts = recorder(ctx, label, `${label}.charts`);
    this.tables = recorder(ctx, label, `${label}.tables`);
    this.pageLayout = recorder(ctx, label, `${label}.pageLayout`);
    this.autoFilter = recorder(ctx, label, `${label}.autoFilter`);
    this.protection = new ProtectionObj(ctx, state, label);
  }
  loadedNow(keys: string[]): void {
    const s = this.state();
    for (const k of keys) this.props.set(k, (s as any)[k]);
  }
  private read(k: string): any {
    return this.props.has(k) ? this.props.get(k) : notLoaded(k);
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.setProp('name', v);
  }
  get visibility(): string {
    return this.read('visibility');
  }
  set visibility(v: string) {
    this.setProp('visibility', v);
  }
  set tabColor(v: string) {
    this.setProp('tabColor', v);
  }
  set showGridlines(v: boolean) {
    this.setProp('showGridlines', v);
  }
  private setProp(k: string, v: unknown): void {
    this.ctx.push({ o: this.label, p: k, v }, () => {
      const s = this.state();
      if (k === 'name') {
        if (this.ctx.x.sheet(String(v)) && this.ctx.x.sheet(String(v)) !== s) throw new ExcelError('ItemAlreadyExists', String(v));
        s.name = String(v);
      } else if (k === 'visibility') {
        if (v !== 'Visible' && this.ctx.x.sheets.filter((t) => t.visibility === 'Visible' && t !== s).length === 0)
          throw new ExcelError('InvalidOperation', 'cannot hide the last visible sheet');
        s.visibility = String(v);
      }
      this.ctx.x.log.push({ sheet: s.name, path: this.label, op: 'set', name: k, value: v });
    });
  }
  load(props: string): void {
    this.ctx.loads.push({ desc: { o: this.label, load: props }, apply: () => (this.loadedNow(props.split(',').map((p) => p.trim())), props) });
  }
  getRange(address: string): RangeObj {
    return new RangeObj(this.ctx, this.state, this.label, () => address, address);
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeObj {
    return new RangeObj(this.ctx, this.state, this.label, () => {
      const u = this.state().used();
      return u ? rangeAddress(u.r1, u.c1, u.r2, u.c2) : null;
    });
  }
  delete(): void {
    this.ctx.push({ o: this.label, m: 'delete' }, () => {
      const s = this.state();
      if (s.visibility === 'Visible' && this.ctx.x.sheets.filter((t) => t.visibility === 'Visible').length === 1)
        throw new ExcelError('InvalidOperation', 'cannot delete the last visible sheet');
      this.ctx.x.sheets = this.ctx.x.sheets.filter((t) => t !== s);
    });
  }
  activate(): void {
    this.ctx.push({ o: this.label, m: 'activate' }, () => (this.ctx.x.active = this.state().name));
  }
  toJSON(): unknown {
    return { ref: this.label };
  }
}

class ProtectionObj {
  private loaded: boolean | null = null;
  constructor(private ctx: FakeContext, private state: () => SheetState, private label: string) {}
  get protected(): boolean {
    return this.loaded ?? notLoaded('protected');
  }
  load(_p: string): void {
    this.ctx.loads.push({ desc: { o: `${this.label}.protection`, load: 'protected' }, apply: () => (this.loaded = this.state().protected) });
  }
  protect(options?: unknown, password?: string): void {
    this.ctx.push({ o: `${this.label}.protection`, m: 'protect', a: [options, password] }, () => {
      const s = this.state();
      if (s.protected) throw new ExcelError('InvalidOperation', 'already protected');
      s.protected = true;
      this.ctx.x.log.push({ sheet: s.name, path: `${this.label}.protection`, op: 'call', name: 'protect', value: [options, password] });
    });
  }
  unprotect(password?: string): void {
    this.ctx.push({ o: `${this.label}.protection`, m: 'unprotect', a: [password] }, () => (this.state().protected = false));
  }
}

class NamesObj {
  private loaded: { name: string }[] | null = null;
  constructor(private ctx: FakeContext) {}
  get items(): { name: string }[] {
    return this.loaded ?? notLoaded('items');
  }
  load(props: string): void {
    this.ctx.loads.push({ desc: { o: 'names', load: props }, apply: () => (this.loaded = [...this.ctx.x.names.keys()].map((name) => ({ name }))) });
  }
  add(name: string, ref: string): void {
    this.ctx.push({ o: 'names', m: 'add', a: [name, ref] }, () => {
      if (this.ctx.x.names.has(name)) throw new ExcelError('ItemAlreadyExists', `name ${name}`);
      this.ctx.x.names.set(name, ref);
    });
  }
  getItem(name: string): { delete(): void } {
    return {
      delete: () =>
        this.ctx.push({ o: `names.${name}`, m: 'delete' }, () => {
          if (!this.ctx.x.names.delete(name)) throw new ExcelError('ItemNotFound', name);
        }),
    };
  }
}

class RangeObj {
  private label: string;
  private props = new Map<string, unknown>();
  private nullObject: boolean | null = null;
  format: any;
  dataValidation: any;
  conditionalFormats: any;
  constructor(private ctx: FakeContext, private state: () => SheetState, private sheetLabel: string, private addr: () => string | null, label?: string) {
    const a = (this.label = label ?? 'used');
    this.format = recorder(ctx, sheetLabel, `${sheetLabel}!${a}.format`);
    this.dataValidation = recorder(ctx, sheetLabel, `${sheetLabel}!${a}.dataValidation`);
    this.conditionalFormats = recorder(ctx, sheetLabel, `${sheetLabel}!${a}.conditionalFormats`);
  }
  get isNullObject(): boolean {
    return this.nullObject ?? notLoaded('isNullObject');
  }
  private read(k: string): any {
    return this.props.has(k) ? this.props.get(k) : notLoaded(k);
  }
  get values(): Value[][] {
    return this.read('values');
  }
  get formulas(): Value[][] {
    return this.read('formulas');
  }
  get address(): string {
    return this.read('address');
  }
  set values(v: unknown) {
    this.write('values', v);
  }
  set formulas(v: unknown) {
    this.write('formulas', v);
  }
  set numberFormat(v: unknown) {
    const a = this.addr() ?? '';
    this.ctx.push({ o: `${this.sheetLabel}!${a}`, p: 'numberFormat', v }, () => {
      const s = this.state();
      const box = parseRange(a);
      if (Array.isArray(v)) v.forEach((row: unknown[], i) => row.forEach((nf, j) => s.formats.push({ box: { r1: box.r1 + i, c1: box.c1 + j, r2: box.r1 + i, c2: box.c1 + j }, nf: String(nf) })));
      else s.formats.push({ box, nf: String(v) });
      this.ctx.x.log.push({ sheet: s.name, path: `${this.sheetLabel}!${a}`, op: 'set', name: 'numberFormat', value: v });
    });
  }
  set columnHidden(v: boolean) {
    this.record('columnHidden', v);
  }
  set rowHidden(v: boolean) {
    this.record('rowHidden', v);
  }
  private record(name: string, v: unknown): void {
    const a = this.addr();
    this.ctx.push({ o: `${this.sheetLabel}!${a}`, p: name, v }, () => this.ctx.x.log.push({ sheet: this.state().name, path: `${this.sheetLabel}!${a}`, op: 'set', name, value: v }));
  }
  private write(kind: string, v: unknown): void {
    const a = this.addr() ?? '';
    this.ctx.push({ o: `${this.sheetLabel}!${a}`, p: kind, v }, () => {
      const s = this.state();
      const box = parseRange(a);
      const rows = box.r2 - box.r1 + 1;
      const cols = box.c2 - box.c1 + 1;
      if (Array.isArray(v)) {
        if (v.length !== rows || v.some((r: unknown[]) => !Array.isArray(r) || r.length !== cols))
          throw new ExcelError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${a}.`);
      }
      const locked = (r: number, c: number) => s.protected && !s.unlocked.some((b) => r >= b.r1 && r <= b.r2 && c >= b.c1 && c <= b.c2);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const x = Array.isArray(v) ? v[i][j] : v;
          const r = box.r1 + i;
          const c = box.c1 + j;
          const cell = coerce(x, s.nf(r, c));
          if (cell === undefined) continue;
          if (locked(r, c)) throw new ExcelError('AccessDenied', `The cell ${s.name}!${rangeAddress(r, c, r, c)} is protected.`);
          s.set(r, c, cell);
        }
    });
  }
  merge(across?: boolean): void {
    this.record('merge', across ?? false);
  }
  select(): void {
    const a = this.addr();
    this.ctx.push({ o: `${this.sheetLabel}!${a}`, m: 'select' }, () => (this.ctx.x.selected = { sheet: this.state().name, address: a ?? '' }));
  }
  load(props: string): void {
    const keys = props.split(',').map((p) => p.trim());
    this.ctx.loads.push({
      desc: { o: `${this.sheetLabel}!${this.label}`, load: props },
      apply: () => {
        const a = this.addr();
        this.nullObject = a === null;
        if (a === null) return null;
        const s = this.state();
        const box = parseRange(a);
        const out: Record<string, unknown> = {};
        for (const k of keys) {
          if (k === 'address') out[k] = `${s.name}!${a}`;
          else if (k === 'values' || k === 'formulas') {
            const grid: Value[][] = [];
            for (let r = box.r1; r <= box.r2; r++) {
              const row: Value[] = [];
              for (let c = box.c1; c <= box.c2; c++) {
                const cell = s.get(r, c);
                row.push(k === 'formulas' ? (cell?.f ?? cell?.v ?? '') : (cell?.v ?? ''));
              }
              grid.push(row);
            }
            out[k] = grid;
          } else if (k === 'rowCount') out[k] = box.r2 - box.r1 + 1;
          else if (k === 'columnCount') out[k] = box.c2 - box.c1 + 1;
          this.props.set(k, out[k]);
        }
        return out;
      },
    });
  }
  toJSON(): unknown {
    return { range: `${this.sheetLabel}!${this.label}` };
  }
}
