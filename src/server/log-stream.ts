/**
 * The log's destination: lines gathered and written together, once per turn of the event loop (or when 64 KB
 * have gathered), instead of one write to stdout per request. Under load that is one system call for many
 * requests (npm run bench:http). Nothing is lost on the way out: what is left is written synchronously when
 * the process exits, however it exits.
 */
export interface LogStream {
  write(line: string): void;
  flush(): void;
}

const MAX_BUFFERED = 64 * 1024;

export function batchedLog(out: { write(s: string): unknown } = process.stdout): LogStream {
  let buffered: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (buffered.length === 0) return;
    const text = buffered.join("");
    buffered = [];
    size = 0;
    out.write(text);
  };
  process.once("exit", flush);
  return {
    write(line: string): void {
      buffered.push(line);
      size += line.length;
      if (size >= MAX_BUFFERED) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
