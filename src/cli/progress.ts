/** Where a progress bar may be drawn: stderr, and whether it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** More items became known (a feed's linked pages). */
  grow(by: number): void;
  tick(): void;
  /** Ends the bar's line so what follows starts on a fresh one. */
  finish(): void;
}

const WIDTH = 30;
const silent: Progress = { grow: () => undefined, tick: () => undefined, finish: () => undefined };

/**
 * A one-line bar redrawn in place with a carriage return. Off unless forced or the stream is a
 * terminal with at least `minItems` to go: a bar over two files is noise, and in a pipe it is
 * only wanted when asked for. A pipe gets one redraw per percent, not one per item.
 */
export function progressBar(stream: ProgressStream, label: string, total: number, options: { force: boolean; minItems: number }): Progress {
  if (!options.force && !(stream.isTTY === true && total >= options.minItems)) return silent;
  let done = 0;
  let lastDrawn = "";
  const draw = () => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * WIDTH);
    const line = `${label} [${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${done}/${total}`;
    const key = stream.isTTY ? line : `${label}${Math.floor(share * 100)}`;
    if (key === lastDrawn) return;
    lastDrawn = key;
    stream.write(`\r${line}`);
  };
  draw();
  return {
    grow(by) {
      total += by;
      draw();
    },
    tick() {
      done++;
      draw();
    },
    finish() {
      stream.write("\n");
    },
  };
}
