/**
 * A small EXIF block (a TIFF structure, big-endian) holding the text that
 * image generators put in JPEG and WebP files, where PNG has text chunks:
 * - `UserComment` (Exif IFD, 0x9286): A1111's infotext, where A1111's PNG
 *   Info, Forge, Fooocus and SwarmUI read it. The value starts with an 8-byte
 *   character-code prefix (Exif 2.3, table 9): `ASCII\0\0\0` when the text is
 *   ASCII, else `UNICODE\0` and UCS-2 in the block's byte order (big-endian
 *   here, the same bytes A1111 writes);
 * - `XPComment` (IFD0, 0x9C9C): Windows' comment field, UTF-16LE whatever the
 *   block's order, for our JSON, which Japanese text keeps from being ASCII;
 * - `Software` (IFD0, 0x0131): who made the file.
 */
export interface ExifText {
  userComment: string;
  xpComment?: string;
  software?: string;
}

enum Type {
  Byte = 1,
  Ascii = 2,
  Long = 4,
  Undefined = 7,
}

interface Entry {
  tag: number;
  type: Type;
  data: Buffer;
}

const TAG = { software: 0x0131, exifIfd: 0x8769, xpComment: 0x9c9c, userComment: 0x9286 } as const;

function utf16(text: string, order: 'be' | 'le'): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

/** The UserComment value: character-code prefix, then the text (ASCII: printable characters and line feeds). */
export function userCommentValue(text: string): Buffer {
  if (!/[^\n\x20-\x7e]/.test(text)) return Buffer.concat([Buffer.from('ASCII\0\0\0', 'latin1'), Buffer.from(text, 'latin1')]);
  return Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), utf16(text, 'be')]);
}

/** Bytes per value of a type, for the entry's count. */
const unit = (type: Type) => (type === Type.Long ? 4 : 1);

/**
 * Lays out one IFD at `start`: a count, 12-byte entries sorted by tag, the
 * next-IFD offset (0), then the values longer than 4 bytes (at even offsets).
 */
function ifd(entries: Entry[], start: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const table = Buffer.alloc(2 + sorted.length * 12 + 4);
  table.writeUInt16BE(sorted.length, 0);
  const values: Buffer[] = [];
  let valueAt = start + table.length;
  sorted.forEach((e, i) => {
    const at = 2 + i * 12;
    table.writeUInt16BE(e.tag, at);
    table.writeUInt16BE(e.type, at + 2);
    table.writeUInt32BE(e.data.length / unit(e.type), at + 4);
    if (e.data.length <= 4) {
      e.data.copy(table, at + 8);
    } else {
      table.writeUInt32BE(valueAt, at + 8);
      const padded = e.data.length % 2 ? Buffer.concat([e.data, Buffer.alloc(1)]) : e.data;
      values.push(padded);
      valueAt += padded.length;
    }
  });
  return Buffer.concat([table, ...values]);
}

/** The EXIF block as a TIFF structure (what a WebP `EXIF` chunk holds; a JPEG APP1 puts `Exif\0\0` before it). */
export function exifBlock(text: ExifText): Buffer {
  const header = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]); // "MM", 42, IFD0 at 8
  const ifd0: Entry[] = [];
  if (text.software) ifd0.push({ tag: TAG.software, type: Type.Ascii, data: Buffer.from(`${text.software}\0`, 'latin1') });
  if (text.xpComment) ifd0.push({ tag: TAG.xpComment, type: Type.Byte, data: utf16(`${text.xpComment}\0`, 'le') });
  const pointer = Buffer.alloc(4);
  ifd0.push({ tag: TAG.exifIfd, type: Type.Long, data: pointer });
  const first = ifd(ifd0, 8);
  const exifAt = 8 + first.length;
  pointer.writeUInt32BE(exifAt);
  // The pointer was copied into the table when it was laid out: lay it out again now that it is known.
  const ifd0Bytes = ifd(ifd0, 8);
  const exif = ifd([{ tag: TAG.userComment, type: Type.Undefined, data: userCommentValue(text.userComment) }], exifAt);
  return Buffer.concat([header, ifd0Bytes, exif]);
}
