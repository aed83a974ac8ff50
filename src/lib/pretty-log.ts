import type { DestinationStream } from 'pino';

/**
 * The console for a person at a terminal (LOG_FORMAT=pretty): pino's JSON
 * lines become `12:04:31 WARN  message key=value`, and the start-up banner
 * says where to go and what this server runs with. Redaction has already
 * happened when pino serialised the line, so this only changes the shape.
 */

const levels: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const ansi = { dim: '\x1b[2m', bold: '\x1b[1m', yellow: '\x1b[33m', red: '\x1b[31m', reset: '\x1b[0m' };
const levelColour: Record<string, string> = { WARN: ansi.yellow, ERROR: ansi.red, FATAL: ansi.red };
/** Shown in their own place, or the same on every line (process id, host). */
const placed = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'req', 'res', 'responseTime', 'err']);

const paint = (text: string, colour: string | undefined, colors: boolean) => (colors && colour ? `${colour}${text}${ansi.reset}` : text);

/**
 * Control characters written as escapes: a prompt or a URL cannot start a
 * forged line or send terminal escape sequences.
 */
const clean = (text: string) => text.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function valueText(value: unknown): string {
  // Bare when unambiguous (names, paths, URLs, [redacted]); quoted and escaped otherwise.
  if (typeof value === 'string') return /^[\w./:@+\-[\]?&=%~]+$/.test(value) ? value : clean(JSON.stringify(value));
  return clean(JSON.stringify(value) ?? String(value));
}

/** `mail.subject=…` for nested objects, so a line stays one line. */
function fields(entry: Record<string, unknown>, prefix = '', depth = 0): string[] {
  return Object.entries(entry).flatMap(([key, value]) => {
    if (prefix === '' && placed.has(key)) return [];
    const name = `${prefix}${clean(key)}`;
    if (value && typeof value === 'object' && !Array.isArray(value) && depth < 2) {
      return fields(value as Record<string, unknown>, `${name}.`, depth + 1);
    }
    return [`${name}=${valueText(value)}`];
  });
}

/** One pino JSON line as one readable line (plus an indented stack for an error); anything else unchanged. */
export function formatLogLine(line: string, colors = false): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return clean(line);
  }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return clean(line);
  const e = entry as Record<string, unknown>;
  const time = new Date(typeof e.time === 'number' ? e.time : Date.now()).toTimeString().slice(0, 8);
  const level = levels[e.level as number] ?? 'LOG';
  const parts = [paint(time, ansi.dim, colors), paint(level.padEnd(5), levelColour[level], colors), clean(String(e.msg ?? ''))];
  const req = e.req as { method?: string; url?: string } | undefined;
  if (req?.method) {
    const status = (e.res as { statusCode?: number } | undefined)?.statusCode;
    const ms = typeof e.responseTime === 'number' ? ` in ${Math.round(e.responseTime)} ms` : '';
    parts.push(`${clean(req.method)} ${clean(req.url ?? '')}${status ? ` → ${status}` : ''}${ms}`);
  }
  parts.push(...fields(e));
  const err = e.err as { type?: string; message?: string; stack?: string; code?: unknown } | undefined;
  if (err && typeof err === 'object' && err.code !== undefined) parts.push(`code=${valueText(err.code)}`);
  let text = parts.filter((p) => p !== '').join(' ');
  if (err && typeof err === 'object') {
    const stack = err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`;
    // Indented, so no line of a stack (or of a message inside it) reads as a log line of its own.
    text += stack
      .split('\n')
      .map((l) => `\n    ${clean(l.trim())}`)
      .join('');
  }
  return text;
}

/** A pino destination that writes readable lines to `out` (the terminal). */
export function createPrettyStream(out: { write(text: string): unknown }, colors = false): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim() !== '') out.write(`${formatLogLine(line, colors)}\n`);
    },
  };
}

/** The start-up banner: the address first, then one row per setting (label, value), then a note. */
export function formatBanner(input: { url: string; rows: [string, string][]; note: string }, colors = false): string {
  const width = Math.max(...input.rows.map(([label]) => label.length));
  const rows = input.rows.map(([label, value]) => `  ${paint(label.padEnd(width), ansi.dim, colors)}  ${clean(value)}`);
  const title = `  AnimeGen is running at ${paint(clean(input.url), ansi.bold, colors)}`;
  return ['', title, '', ...rows, '', `  ${paint(input.note, ansi.dim, colors)}`, '', ''].join('\n');
}
