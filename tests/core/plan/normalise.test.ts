import fc from 'fast-check';
import { defaultCatalog } from '../../../src/core/catalog';
import {
  titleKey,
  isoToSerial,
  normaliseAmount,
  normaliseCode,
  normaliseCommitteeRef,
  normaliseDate,
  normaliseFlag,
  normaliseNumber,
  normalisePeriod,
  normalisePointRef,
  normaliseText,
  parseChineseNumeral,
  serialToIso,
} from '../../../src/core/plan/normalise';

const catalog = defaultCatalog();

describe('amounts', () => {
  test.each([
    ['1,200', '元', 1200],
    ['１２００', '元', 1200],
    ['1200元', '元', 1200],
    ['0.5万元', '元', 5000],
    ['0.5万', '元', 5000],
    ['5000元', '万元', 0.5],
    ['1234元', '万元', 0.1234],
    ['－１，２００', '元', -1200],
    ['−1200', '元', -1200],
    ['(300)', '元', -300],
    ['¥1,200.50', '元', 1200.5],
    ['￥ 2 万元', '元', 20000],
    [' 3.5 ', '万元', 3.5],
    [1200, '元', 1200],
    [-5, '元', -5],
  ] as const)('%j in a %s plan → %d', (raw, unit, value) => {
    const n = normaliseAmount(raw, unit);
    expect(n).toMatchObject({ value, raw, empty: false, unreadable: false });
  });

  test('notes say what changed; unchanged numbers have no note', () => {
    expect(normaliseAmount('0.5万元', '元').note).toContain('换算');
    expect(normaliseAmount('０.5万元', '元').note).toContain('全角');
    expect(normaliseAmount('1,200', '元').note).toContain('千位');
    expect(normaliseAmount(1200, '元').note).toBe('');
    expect(normaliseAmount('0.5万元', '元').flags).toContain('unitConverted');
  });

  test('negatives keep their value and are flagged', () => {
    expect(normaliseAmount('-3', '万元')).toMatchObject({ value: -3, unreadable: false, flags: ['negative'] });
  });

  test.each(['约5万', '5万左右', '5-8万', '约五万', '二〇二三', '五五万', '待定', '若干', '1,2', '12%', 'abc', '#REF!', '5万余'])('%j is unreadable, never a guess', (raw) => {
    const n = normaliseAmount(raw, '万元');
    expect(n.value).toBeNull();
    expect(n.unreadable).toBe(true);
    expect(n.note).not.toBe('');
  });

  test('approximate amounts are flagged as such', () => {
    expect(normaliseAmount('约5万', '元').flags).toContain('approximate');
  });

  test.each([null, undefined, '', '   ', '\u3000'])('blank %j is empty', (raw) => {
    expect(normaliseAmount(raw, '元')).toMatchObject({ value: null, empty: true, unreadable: false });
  });

  test('xlsx cell objects: formula results, rich text, formulas without a cached value', () => {
    expect(normaliseAmount({ formula: 'E3*F3*G3', result: 12 }, '元').value).toBe(12);
    expect(normaliseAmount({ richText: [{ text: '1,2' }, { text: '00元' }] }, '元').value).toBe(1200);
    expect(normaliseAmount({ formula: 'E3*F3*G3' }, '元')).toMatchObject({ value: null, empty: true, flags: ['formulaNoValue'] });
    expect(normaliseAmount({ error: '#DIV/0!' }, '元').unreadable).toBe(true);
  });
});

describe('amounts are read to the right value or refused', () => {
  test.each([
    ['三万五千元', '万元', 3.5, '中文数字，换算为万元'],
    ['一万二千元', '万元', 1.2, '中文数字，换算为万元'],
    ['叁万伍仟元整', '万元', 3.5, '中文数字，换算为万元'],
    ['十二万五千元', '万元', 12.5, '中文数字，换算为万元'],
    ['三千五百元', '万元', 0.35, '中文数字，换算为万元'],
    ['伍佰元整', '万元', 0.05, '中文数字，换算为万元'],
    ['3万5千元', '万元', 3.5, '中文数字，换算为万元'],
    ['1万2', '万元', 1.2, '换算为万元'],
    ['三万五', '万元', 3.5, '中文数字，换算为万元'],
    ['两万五', '万元', 2.5, '中文数字，换算为万元'],
    ['¥30,000', '万元', 3, '货币符号表示元，换算为万元'],
    ['￥30000', '万元', 3, '货币符号表示元，换算为万元'],
    ['RMB 30000', '万元', 3, '货币符号表示元，换算为万元'],
    ['三万五千元', '元', 35000, '中文数字'],
    ['伍佰元整', '元', 500, '中文数字'],
    ['1万2', '元', 12000, '换算为元'],
    ['叁佰元伍角贰分', '元', 300.52, '中文数字'],
    ['叁元零伍分', '元', 3.05, '中文数字'],
    ['12000元5角', '元', 12000.5, '中文数字'],
    ['1万零500元', '元', 10500, '中文数字'],
    ['1万2000元', '万元', 1.2, '换算为万元'],
    ['-¥300', '元', -300, ''],
    ['3块5', '元', null, ''],
  ] as const)('%j in a %s plan → %s', (raw, unit, value, how) => {
    const n = normaliseAmount(raw, unit);
    expect(n.value).toBe(value);
    if (value === null) return;
    expect(n.unreadable).toBe(false);
    if (how) {
      expect(n.flags).toContain('unitConverted');
      expect(n.note).toContain(`${raw} → ${value} ${unit}（${how}）`);
    } else expect(n.flags ?? []).not.toContain('unitConverted');
  });

  test('人民币3万元 in a 万元 plan is 3 万元, written in the plan unit: not a magnitude change', () => {
    const n = normaliseAmount('人民币3万元', '万元');
    expect(n).toMatchObject({ value: 3, unreadable: false });
    expect(n.flags).toEqual(expect.arrayContaining(['currency', 'reformatted']));
    expect(n.flags).not.toContain('unitConverted');
    expect(normaliseAmount('人民币3万元', '元')).toMatchObject({ value: 30000, note: expect.stringContaining('人民币3万元 → 30000 元（货币符号表示元，换算为元）') });
  });

  test('the note says what was read, in zh and en', () => {
    expect(normaliseAmount('三万五千元', '万元').note).toBe(
      '中文数字读作 35000；三万五千元 → 3.5 万元（中文数字，换算为万元）',
    );
    expect(normaliseAmount('¥30,000', '万元').note).toBe(
      '货币符号“¥”表示元；去掉千位分隔符；¥30,000 → 3 万元（货币符号表示元，换算为万元）',
    );
  });

  test('plain digits are in the plan unit and unchanged; 3万元 in a 万元 plan only loses its unit', () => {
    expect(normaliseAmount('12.5', '万元')).toMatchObject({ value: 12.5, note: '', flags: undefined });
    expect(normaliseAmount('3万元', '万元')).toMatchObject({ value: 3, note: '去掉单位“万元”', flags: ['reformatted'] });
    expect(normaliseAmount('5000元', '元')).toMatchObject({ value: 5000, note: '去掉单位“元”', flags: ['reformatted'] });
  });

  test.each([
    ['三百五', '“三百五”没有写单位，无法确定是 350 元还是 350 万元；请写明单位，如“350元”'],
    ['伍佰', '“伍佰”没有写单位，无法确定是 500 元还是 500 万元；请写明单位，如“500元”'],
    ['1万25', '“1万25”含中文数字但不是可确定的数，请用阿拉伯数字填写'],
    ['3千25万', '“3千25万”含中文数字但不是可确定的数，请用阿拉伯数字填写'],
    ['$100', '“$100”不是人民币金额；请换算为人民币后填写'],
    ['100美元', '“100美元”不是人民币金额；请换算为人民币后填写'],
    ['1,2万元', '“1,2万元”的逗号位置不像千位分隔符，无法确定数值'],
    ['元', '无法读取为数字：“元”'],
  ])('%j in a 万元 plan is refused with a reason, never guessed', (raw, note) => {
    expect(normaliseAmount(raw, '万元')).toMatchObject({ value: null, unreadable: true, note });
  });

  test('三百五 and 伍佰 are read in a 元 plan, where the unit is not in doubt', () => {
    expect(normaliseAmount('三百五', '元').value).toBe(350);
    expect(normaliseAmount('伍佰', '元').value).toBe(500);
  });
});

describe('numbers', () => {
  test('counting words and multipliers', () => {
    expect(normaliseNumber('30人').value).toBe(30);
    expect(normaliseNumber('３场').value).toBe(3);
    expect(normaliseNumber('2万人次').value).toBe(20000);
    expect(normaliseNumber('1,500').value).toBe(1500);
    expect(normaliseNumber('若干').unreadable).toBe(true);
  });
});

describe('dates', () => {
  const Y = 2023;
  test.each([
    [45076, '2023-05-30'],
    [45076.75, '2023-05-30'],
    ['45076', '2023-05-30'],
    [new Date(Date.UTC(2023, 4, 30)), '2023-05-30'],
    ['2023年5月30日', '2023-05-30'],
    ['２０２３年５月３０日', '2023-05-30'],
    ['2023-5-30', '2023-05-30'],
    ['2023/05/30', '2023-05-30'],
    ['2023.5.30', '2023-05-30'],
    ['2023-05-30T00:00:00Z', '2023-05-30'],
    ['2023-05-30 00:00:00', '2023-05-30'],
    ['20230530', '2023-05-30'],
    [20230530, '2023-05-30'],
    ['5月30日', '2023-05-30'],
    ['5月30号', '2023-05-30'],
    ['5.30', '2023-05-30'],
    ['5/30', '2023-05-30'],
    ['5/30/2023', '2023-05-30'],
    ['30/5/2023', '2023-05-30'],
  ] as const)('%j → %s', (raw, iso) => {
    const n = normaliseDate(raw, Y, 'date');
    expect(n).toMatchObject({ value: iso, unreadable: false, empty: false });
  });

  test('a number in a date column is an Excel serial, whatever the cell format', () => {
    // Cells in the built-in Chinese date formats (ids 31, 57, 58) come back as plain numbers.
    expect(normaliseDate(44927, Y).value).toBe('2023-01-01');
    expect(normaliseDate(45291, Y).value).toBe('2023-12-31');
    expect(normaliseDate(44927, Y).flags).toContain('serial');
    expect(serialToIso(isoToSerial('2024-02-29'))).toBe('2024-02-29');
    expect(isoToSerial('1900-03-01')).toBe(61);
  });

  test('a Date built at local midnight in UTC+8 keeps its calendar day', () => {
    // 2023-05-30 00:00 in Beijing is 2023-05-29T16:00Z; only detectable when the process runs in that zone.
    const d = new Date(2023, 4, 30); // local midnight of this process
    expect(normaliseDate(d, Y).value).toBe('2023-05-30');
  });

  test.each([
    ['二季度', '2023-04-01', '2023-06-30'],
    ['第二季度', '2023-04-01', '2023-06-30'],
    ['Q2', '2023-04-01', '2023-06-30'],
    ['上半年', '2023-01-01', '2023-06-30'],
    ['下半年', '2023-07-01', '2023-12-31'],
    ['全年', '2023-01-01', '2023-12-31'],
    ['3月', '2023-03-01', '2023-03-31'],
    ['三月', '2023-03-01', '2023-03-31'],
    ['2月', '2023-02-01', '2023-02-28'],
    ['3月下旬', '2023-03-21', '2023-03-31'],
    ['3-5月', '2023-03-01', '2023-05-31'],
    ['年底', '2023-12-01', '2023-12-31'],
    ['5月30日至6月2日', '2023-05-30', '2023-06-02'],
  ] as const)('period %j: start column → first day, end column → last day', (raw, start, end) => {
    const s = normaliseDate(raw, Y, 'start');
    const e = normaliseDate(raw, Y, 'end');
    expect([s.value, e.value]).toEqual([start, end]);
    expect(s.flags).toContain('period');
    expect(s.note).toContain('开始日期取首日');
    expect(e.note).toContain('完成日期取末日');
    expect(normalisePeriod(raw, Y).value).toEqual({ start, end });
  });

  test.each(['2023-02-30', '2023-13-01', '约5月', '下个月', '3/4/2023', 5.3, 2023, 'abc', true, '#N/A'])('%j is unreadable', (raw) => {
    const n = normaliseDate(raw, Y, 'start');
    expect(n.unreadable).toBe(true);
    expect(n.value).toBeNull();
    expect(n.note).not.toBe('');
  });

  test('a number that looks like 月.日 gets a hint, not a guess', () => {
    expect(normaliseDate(5.3, Y).note).toContain('月.日');
  });
});

describe('work point references', () => {
  test.each([
    ['4', 4],
    [4, 4],
    ['４', 4],
    ['要点4', 4],
    ['要点 4', 4],
    ['第4条', 4],
    ['第四条', 4],
    ['（四）', 4],
    ['(4)', 4],
    ['4 凝练决策咨询重点课题', 4],
    ['4.凝练决策咨询重点课题', 4],
    ['4、凝练决策咨询重点课题', 4],
    ['凝练决策咨询重点课题', 4],
    ['提升“老科协奖”和“全国老科技工作者日”影响力', 15],
    ['15 提升“老科协奖”和“全国老科技工作者日”影响力', 15],
    ['17', 17],
  ] as const)('%j → %d', (raw, n) => {
    expect(normalisePointRef(raw, catalog)).toMatchObject({ value: n, unreadable: false });
  });

  test('a number not in the catalog keeps its value, flagged unknown', () => {
    expect(normalisePointRef('99', catalog)).toMatchObject({ value: 99, flags: ['unknown'] });
  });
  test('number and title of different points: the number stays, flagged', () => {
    const n = normalisePointRef('4 加强内部治理能力建设', catalog);
    expect(n.value).toBe(4);
    expect(n.flags).toContain('titleMismatch');
    expect(n.note).toContain('17');
  });
  test.each(['4、5', '要点4和5', 'xyz', '4.5', '加强'])('%j is unreadable', (raw) => {
    expect(normalisePointRef(raw, catalog)).toMatchObject({ value: null, unreadable: true });
  });
});

describe('committees', () => {
  test.each([
    ['决策咨询专委会', 'c2'],
    ['江苏省老科协决策咨询专委会', 'c2'],
    ['{{region}}老科协党委', 'c1'],
    ['决策咨询', 'c2'],
    ['乡村振兴专委会', 'c5'],
    ['人才宣传', 'c4'],
    ['组织建设与服务专业委员会', 'c7'],
    ['c3', 'c3'],
    [' 党委 ', 'c1'],
    ['江苏省决策咨询专委会', 'c2'],
  ])('%j → %s', (raw, id) => {
    expect(normaliseCommitteeRef(raw, catalog, '江苏省').value).toBe(id);
  });
  test('full names need no note; short forms say what they matched', () => {
    expect(normaliseCommitteeRef('江苏省老科协决策咨询专委会', catalog, '江苏省').note).toBe('');
    expect(normaliseCommitteeRef('乡村振兴专委会', catalog, '江苏省').note).toContain('助力乡村振兴专委会');
  });
  test.each(['专委会', '某某委员会', '老科协'])('%j is unreadable', (raw) => {
    expect(normaliseCommitteeRef(raw, catalog, '江苏省').unreadable).toBe(true);
  });
});

describe('flags, text, codes', () => {
  test.each([['草稿', true], ['是', true], ['Y', true], ['✓', true], ['√', true], [true, true], [1, true], ['否', false], ['N', false], [false, false]] as const)(
    '%j → %s',
    (raw, v) => expect(normaliseFlag(raw).value).toBe(v),
  );
  test('blank flag is empty, unknown flag unreadable', () => {
    expect(normaliseFlag('')).toMatchObject({ value: null, empty: true });
    expect(normaliseFlag('也许')).toMatchObject({ value: null, unreadable: true });
  });
  test('text is trimmed with a note, numbers become text', () => {
    expect(normaliseText('  张三 ')).toMatchObject({ value: '张三', note: expect.stringContaining('空格') });
    expect(normaliseText(12).value).toBe('12');
  });
  test('codes: half-width, upper case', () => {
    expect(normaliseCode(' ｔ００１ ').value).toBe('T001');
  });
});

describe('Chinese numerals (小写 and 大写) are read, with a note; anything not a definite number stays unreadable', () => {
  test.each([
    ['五万元', '万元', 5],
    ['伍万元整', '万元', 5],
    ['人民币伍拾万元整', '万元', 50],
    ['三点五万', '万元', 3.5],
    ['叁仟元', '万元', 0.3],
    ['五千', '万元', 0.5],
    ['一千二百元', '元', 1200],
    ['伍元伍角', '元', 5.5],
    ['二万五', '元', 25000],
    ['十五', '万元', 15],
  ] as const)('%j in a %s plan → %d', (raw, unit, value) => {
    const n = normaliseAmount(raw, unit);
    expect(n).toMatchObject({ value, raw, unreadable: false });
    expect(n.flags).toEqual(expect.arrayContaining(['reformatted', 'chineseNumeral']));
    expect(n.note).toContain('中文数字读作');
  });

  test.each([
    ['三百五', 350],
    ['一百零五', 105],
    ['一亿五', 150000000],
    ['一亿零五百万', 105000000],
    ['壹拾贰万叁仟肆佰伍拾陆', 123456],
    ['零点五', 0.5],
    ['叁分', 0.03],
  ] as const)('parseChineseNumeral(%j) = %d', (s, v) => expect(parseChineseNumeral(s)).toBe(v));

  test.each(['二〇二三', '五五', '万', '十十', '一万万', '三万四万', '点五', '三点', '五角五'])('parseChineseNumeral(%j) is null: not one definite number', (s) => {
    expect(parseChineseNumeral(s)).toBeNull();
  });

  test('numbers with a counting word: 三十人 → 30, 两场 → 2', () => {
    expect(normaliseNumber('三十人')).toMatchObject({ value: 30, unreadable: false });
    expect(normaliseNumber('两场')).toMatchObject({ value: 2, unreadable: false });
  });

  test('dates: 五月三十日, 二〇二三年十月二十三日 → ISO; an impossible day stays unreadable', () => {
    expect(normaliseDate('五月三十日', 2023, 'date')).toMatchObject({ value: '2023-05-30', flags: expect.arrayContaining(['reformatted', 'yearAssumed']) });
    expect(normaliseDate('二〇二三年十月二十三日', 2023, 'date')).toMatchObject({ value: '2023-10-23', flags: ['reformatted'] });
    expect(normaliseDate('二〇二三年二月二十九日', 2023, 'date')).toMatchObject({ value: null, unreadable: true });
    expect(normaliseDate('十二月', 2023, 'end')).toMatchObject({ value: '2023-12-31', flags: ['period'] });
  });

  test('property: every whole number written in standard Chinese numerals reads back as itself', () => {
    const D = '零一二三四五六七八九', U = ['', '十', '百', '千'];
    const section = (n: number) => {
      let s = '', zero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(n / 10 ** i) % 10;
        if (d === 0) { if (s) zero = true; continue; }
        if (zero) { s += '零'; zero = false; }
        s += D[d] + U[i];
      }
      return s;
    };
    const toCn = (n: number, upper: boolean) => {
      let s = '';
      let gap = false;
      for (const [v, u] of [[Math.floor(n / 1e8), '亿'], [Math.floor(n / 1e4) % 1e4, '万'], [n % 1e4, '']] as [number, string][]) {
        if (v === 0) { if (s) gap = true; continue; }
        if (s && (gap || v < 1000)) s += '零';
        gap = false;
        s += section(v) + u;
      }
      if (!s) s = '零';
      if (s.startsWith('一十')) s = s.slice(1);
      return upper ? [...s].map((c) => '零壹贰叁肆伍陆柒捌玖拾佰仟万亿'['零一二三四五六七八九十百千万亿'.indexOf(c)]).join('') : s;
    };
    fc.assert(fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), fc.boolean(), (n, upper) => parseChineseNumeral(toCn(n, upper)) === n), { numRuns: 3000 });
  });
});

describe('properties', () => {
  const digitsToFull = (s: string) => s.replace(/[0-9,.-]/g, (c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  const withThousands = (n: number, decimals: number) => {
    const [i, f] = Math.abs(n).toFixed(decimals).split('.');
    return (n < 0 ? '-' : '') + i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? '.' + f : '');
  };

  test('a formatted amount normalises back to the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', '元', '万元'),
        fc.constantFrom('元', '万元'),
        (cents, decimals, sep, full, suffix, unit) => {
          const amount = Number((cents / 100).toFixed(decimals));
          let text = sep ? withThousands(amount, decimals) : amount.toFixed(decimals);
          if (full) text = digitsToFull(text);
          text += suffix;
          const n = normaliseAmount(text, unit);
          const factor = suffix === '' || suffix === unit ? 1 : suffix === '万元' ? 1e4 : 1e-4;
          expect(n.unreadable).toBe(false);
          const expected = amount * factor;
          expect(Math.abs((n.value as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a formatted date normalises back to the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: isoToSerial('2000-01-01'), max: isoToSerial('2099-12-31') }), fc.integer({ min: 0, max: 8 }), fc.boolean(), (serial, style, full) => {
        const iso = serialToIso(serial);
        const [y, m, d] = iso.split('-').map(Number);
        const forms: unknown[] = [
          `${y}年${m}月${d}日`, `${y}-${m}-${d}`, `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`, `${y}.${m}.${d}`,
          iso, serial, new Date(Date.UTC(y, m - 1, d)), `${m}月${d}日`, `${m}.${d}`,
        ];
        let raw = forms[style];
        if (full && typeof raw === 'string') raw = digitsToFull(raw);
        expect(normaliseDate(raw, y, 'start').value).toBe(iso);
      }),
      { numRuns: 500 },
    );
  });

  test('a point written any way normalises back to the point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 17 }), fc.integer({ min: 0, max: 5 }), (n, style) => {
        const title = catalog.points[n - 1].title;
        const forms: unknown[] = [n, String(n), `要点${n}`, `第${n}条`, `${n} ${title}`, title];
        expect(normalisePointRef(forms[style], catalog).value).toBe(n);
      }),
    );
  });

  test('no input of any kind throws', () => {
    const any = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.double(),
      fc.date({ noInvalidDate: false }),
      fc.constantFrom('约', '（', '第', '要点', '万元', '-', '--', '至', 'Q', '季度', '#N/A', '\u0000', '１２', '年', '月'),
      fc.array(fc.constantFrom('1', '2', '.', ',', '年', '月', '日', '-', '万', '元', '约', '第', '条', '(', ')', ' ', '/', '至', 'Q', '四')).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(any, (raw) => {
        for (const n of [
          normaliseAmount(raw, '元'), normaliseAmount(raw, '万元'), normaliseNumber(raw), normaliseDate(raw, 2023, 'start'), normaliseDate(raw, 2023, 'end'),
          normalisePeriod(raw, 2023), normalisePointRef(raw, catalog), normaliseCommitteeRef(raw, catalog, '江苏省'), normaliseFlag(raw), normaliseText(raw), normaliseCode(raw),
        ]) {
          expect(typeof n.empty).toBe('boolean');
          expect(typeof n.unreadable).toBe('boolean');
          expect(typeof n.note).toBe('string');
          if (n.unreadable) expect(n.value).toBeNull();
          if (n.empty) expect(n.value).toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('titleKey fast path', () => {
  /** The definition: drop {{region}}, NFKC + dashes to "-", drop spaces/punctuation, lower case. */
  const reference = (s: string) =>
    s
      .split('{{region}}')
      .join('')
      .normalize('NFKC')
      .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-')
      .replace(/[\s"'“”‘’「」『』《》<>()（）【】[\]、，,。.．:：;；!！?？·\-—_*]/g, '')
      .toLowerCase();
  test('equals the slow definition on names of every kind', () => {
    const parts = ['南京', '科普', '第3期', 'ABC', 'x', ' ', '\u3000', '\u00a0', '（', '）', '“', '”', '—', '－', '·', '．', '１２', 'Ａ', '{{region}}', '{', '\t', '、', '。', '㈱', 'ﬁ', '\u2028', '_', '*', 'é', 'e\u0301'];
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(fc.constantFrom(...parts)).map((a) => a.join(''))), (s) => {
        expect(titleKey(s)).toBe(reference(s));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Date cells at UTC midnight', () => {
  test('read as the ISO date, flagged dateObject, no note; invalid or out-of-range Dates are unreadable', () => {
    const d = new Date(Date.UTC(2023, 4, 30));
    expect(normaliseDate(d, 2023, 'start')).toEqual({ value: '2023-05-30', raw: d, empty: false, unreadable: false, note: '', flags: ['dateObject'] });
    expect(normaliseDate(new Date(Date.UTC(2023, 4, 30)), 2023, 'end').value).toBe('2023-05-30');
    expect(normaliseDate(new Date(Date.UTC(1969, 11, 31)), 2023).value).toBe('1969-12-31');
    expect(normaliseDate(new Date(NaN), 2023).unreadable).toBe(true);
    expect(normaliseDate(new Date(Date.UTC(10000, 0, 1)), 2023).unreadable).toBe(true);
    expect(normaliseDate(new Date(Date.UTC(2023, 4, 30, 12, 30)), 2023).flags).toContain('timeDropped');
  });
});
