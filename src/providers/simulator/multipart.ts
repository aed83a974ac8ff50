/** The minimum of multipart/form-data the simulator's upload route needs. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function headerParam(headers: string, param: string): string | undefined {
  const match = new RegExp(`${param}="([^"]*)"`, 'i').exec(headers);
  return match?.[1];
}

/** Splits a multipart body into parts; undefined when the boundary is missing. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token) return undefined;
  const opening = Buffer.from(`--${token}`);
  const separator = Buffer.from(`\r\n--${token}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(opening);
  if (cursor < 0) return undefined;
  cursor += opening.length;
  // After each delimiter comes "--" (the end) or CRLF and the next part.
  while (body.subarray(cursor, cursor + 2).toString('latin1') === '\r\n') {
    const start = cursor + 2;
    const end = body.indexOf(separator, start);
    if (end < 0) break;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = headerParam(headers, 'name');
      const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
      if (name !== undefined) {
        parts.push({ name, filename: headerParam(headers, 'filename'), contentType: type, data: part.subarray(headerEnd + 4) });
      }
    }
    cursor = end + separator.length;
  }
  return parts;
}
