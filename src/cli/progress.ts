/** A one-line progress display for a terminal: files, MB, MB/s and matches, redrawn at most 10 times a second. */
import type { ScanProgress } from '../runner/run.js';

export interface ProgressLine {
  update(progress: ScanProgress): void;
  done(): void;
}

export function createProgressLine(write: (text: string) => void, now: () => number = Date.now): ProgressLine {
  const started = now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      const mb = p.bytes / 1e6;
      const rate = mb / Math.max((t - started) / 1000, 0.001);
      write(
        `\r\x1b[2Kscanning: ${p.files}/${p.totalFiles} files, ${mb.toFixed(1)} MB, ${rate.toFixed(1)} MB/s, ${p.matches.toLocaleString('en-US')} matches`,
      );
      drawn = true;
    },
    done() {
      if (drawn) write('\r\x1b[2K');
    },
  };
}
