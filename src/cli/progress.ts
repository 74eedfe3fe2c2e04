/** A progress bar on stderr, drawn only when stderr is a TTY. */
export interface Progress {
  tick(label?: string): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown; columns?: number }, total: number, title: string): Progress {
  if (!stream.isTTY || total <= 1) return { tick() {}, done() {} };
  let n = 0;
  const width = 24;
  const draw = (label = '') => {
    const filled = Math.round((n / total) * width);
    const line = `${title} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${n}/${total} ${label}`;
    const max = (stream.columns ?? 100) - 1;
    stream.write('\r' + (line.length > max ? line.slice(0, max) : line.padEnd(max)));
  };
  draw();
  return {
    tick(label) {
      n++;
      draw(label);
    },
    done() {
      stream.write('\r' + ' '.repeat((stream.columns ?? 100) - 1) + '\r');
    },
  };
}
