/**
 * Word wrap for the terminal: lines break at spaces, never inside a word ("doct/or"). A line keeps its
 * leading indentation, and its continuation lines get the same indentation. A word longer than the
 * width stays whole on its own line: the terminal breaks it, but we never do.
 */
export function wrapLine(line: string, width: number): string[] {
  // Escape sequences (colours) take no room on the screen.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC opens the escape sequence this strips.
  const visible = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, "").length;
  if (visible(line) <= width) return [line];
  const indent = /^\s*(?:[•\-*]\s|\d+\.\s)?/.exec(line)![0];
  const hanging = " ".repeat(indent.length);
  const words = line.slice(indent.length).split(/ +/);
  const out: string[] = [];
  let current = indent;
  for (const w of words) {
    const start = current === indent || current === hanging;
    if (!start && visible(current) + 1 + visible(w) > width) {
      out.push(current);
      current = hanging + w;
    } else current = start ? current + w : `${current} ${w}`;
  }
  out.push(current);
  return out;
}

/** Wraps every line of a text to the width; lines that fit are left as they are. */
export function wrapText(text: string, width: number): string {
  const w = Math.max(20, width);
  return text
    .split("\n")
    .flatMap((l) => wrapLine(l, w))
    .join("\n");
}

/** The width to wrap at: the terminal's columns, less a margin for the prompt's frame. */
export const columnsOf = (stream: { columns?: number }, margin = 0, fallback = 80): number =>
  Math.max(20, (stream.columns || fallback) - margin);
