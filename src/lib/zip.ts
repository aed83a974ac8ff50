import { open } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A ZIP file written as it is built (no dependency): text is deflated, images
 * are stored as they are (already compressed) and streamed through, so an
 * archive of any size holds only one chunk in memory. ZIP64 records are added
 * when the archive passes 4 GB or 65,535 entries. Every reader we tried
 * (unzip, Windows, macOS, Python's zipfile) opens it.
 */
export interface ZipWriter {
  /** A small entry held in memory: deflated unless `store`. */
  add(name: string, data: Buffer, options?: { store?: boolean; modified?: Date }): Promise<void>;
  /** A stored entry streamed from `source`, which must yield exactly `size` bytes. */
  addStream(name: string, source: AsyncIterable<Uint8Array>, size: number, modified?: Date): Promise<void>;
  /** Writes the central directory and closes the file; the archive's size in bytes. */
  close(): Promise<number>;
  /** Closes the file without finishing it (the caller removes it). */
  abort(): Promise<void>;
}

/** One stored entry of a streamed archive: `source` must yield exactly `size` bytes. */
export interface ZipStreamEntry {
  name: string;
  source: AsyncIterable<Uint8Array>;
  size: number;
  modified?: Date;
}

interface Entry {
  name: Buffer;
  /** General purpose flags: UTF-8 names, and (streamed archives) a data descriptor after the data. */
  flags: number;
  method: 0 | 8;
  crc: number;
  compressed: number;
  size: number;
  time: number;
  date: number;
  offset: number;
}

const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
/** Small writes are gathered up to this size before they reach the file. */
const FLUSH_BYTES = 1 << 20;
const UTF8_NAMES = 0x0800;
const DATA_DESCRIPTOR = 0x0008;

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function localHeader(e: Entry): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(e.flags, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(e.time, 10);
  h.writeUInt16LE(e.date, 12);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.compressed, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  return Buffer.concat([h, e.name]);
}

/** A central directory record; its offset moves into a ZIP64 extra field past 4 GB. */
function centralRecord(e: Entry, forceZip64: boolean): Buffer {
  const zip64 = forceZip64 || e.offset >= U32_MAX;
  const extra = Buffer.alloc(zip64 ? 12 : 0);
  if (zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(e.offset), 4);
  }
  const version = zip64 ? 45 : 20;
  const d = Buffer.alloc(46);
  d.writeUInt32LE(0x02014b50, 0);
  d.writeUInt16LE(version, 4);
  d.writeUInt16LE(version, 6);
  d.writeUInt16LE(e.flags, 8);
  d.writeUInt16LE(e.method, 10);
  d.writeUInt16LE(e.time, 12);
  d.writeUInt16LE(e.date, 14);
  d.writeUInt32LE(e.crc, 16);
  d.writeUInt32LE(e.compressed, 20);
  d.writeUInt32LE(e.size, 24);
  d.writeUInt16LE(e.name.length, 28);
  d.writeUInt16LE(extra.length, 30);
  d.writeUInt32LE(zip64 ? U32_MAX : e.offset, 42);
  return Buffer.concat([d, e.name, extra]);
}

/** The end records: ZIP64's record and locator first when counts or offsets outgrow the classic fields. */
function endRecords(count: number, cdOffset: number, cdSize: number, forceZip64: boolean): Buffer {
  const zip64 = forceZip64 || count >= U16_MAX || cdOffset >= U32_MAX || cdSize >= U32_MAX;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? U16_MAX : count, 8);
  end.writeUInt16LE(zip64 ? U16_MAX : count, 10);
  end.writeUInt32LE(zip64 ? U32_MAX : cdSize, 12);
  end.writeUInt32LE(zip64 ? U32_MAX : cdOffset, 16);
  if (!zip64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // the record's size after this field
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/** Opens `path` for a new archive. `forceZip64` writes the ZIP64 records for every archive (tests use it). */
export async function createZipFile(path: string, options: { forceZip64?: boolean } = {}): Promise<ZipWriter> {
  const file = await open(path, 'w');
  const forceZip64 = options.forceZip64 ?? false;
  const entries: Entry[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let position = 0;

  const flush = async () => {
    if (pendingBytes === 0) return;
    const out = Buffer.concat(pending);
    [pending, pendingBytes] = [[], 0];
    await file.write(out);
  };
  const emit = async (bytes: Buffer) => {
    pending.push(bytes);
    pendingBytes += bytes.length;
    position += bytes.length;
    if (pendingBytes >= FLUSH_BYTES) await flush();
  };
  const entry = (name: string, method: 0 | 8, modified: Date | undefined) => {
    const e: Entry = {
      name: Buffer.from(name, 'utf8'),
      flags: UTF8_NAMES,
      method,
      crc: 0,
      compressed: 0,
      size: 0,
      offset: position,
      ...dosTime(modified ?? new Date()),
    };
    entries.push(e);
    return e;
  };

  return {
    async add(name, data, opts = {}) {
      const e = entry(name, opts.store ? 0 : 8, opts.modified);
      const body = opts.store ? data : deflateRawSync(data);
      Object.assign(e, { crc: crc32(data), compressed: body.length, size: data.length });
      await emit(localHeader(e));
      await emit(body);
    },
    async addStream(name, source, size, modified) {
      if (size >= U32_MAX) throw new Error(`${name} is too large for one archive entry`);
      const e = entry(name, 0, modified);
      Object.assign(e, { compressed: size, size });
      // The CRC is known only at the end: the header goes out with 0 and is patched in place.
      await emit(localHeader(e));
      let [crc, seen] = [0, 0];
      for await (const chunk of source) {
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        crc = crc32(bytes, crc);
        seen += bytes.length;
        await emit(bytes);
      }
      if (seen !== size) throw new Error(`${name}: expected ${size} bytes, read ${seen}`);
      e.crc = crc;
      await flush();
      const patch = Buffer.alloc(4);
      patch.writeUInt32LE(crc);
      await file.write(patch, 0, 4, e.offset + 14);
    },
    async close() {
      const cdOffset = position;
      for (const e of entries) await emit(centralRecord(e, forceZip64));
      await emit(endRecords(entries.length, cdOffset, position - cdOffset, forceZip64));
      await flush();
      await file.close();
      return position;
    },
    async abort() {
      await file.close().catch(() => {});
    },
  };
}

/**
 * An archive written as it is read, for an HTTP response: nothing is seeked
 * back, so each entry's CRC follows its data in a data descriptor (its sizes,
 * known beforehand, are in the local header too, for readers that stream).
 * Entries are stored, read one at a time from `entries` and passed through
 * chunk by chunk, so memory stays flat whatever the archive's size; pulling
 * stops when the consumer stops (a closed connection ends the iteration, and
 * with it the open source). Throws when a source yields other than its size.
 */
export async function* zipStream(entries: AsyncIterable<ZipStreamEntry>): AsyncGenerator<Buffer> {
  const written: Entry[] = [];
  let position = 0;
  const out = (bytes: Buffer) => {
    position += bytes.length;
    return bytes;
  };
  for await (const item of entries) {
    if (item.size >= U32_MAX) throw new Error(`${item.name} is too large for one archive entry`);
    const e: Entry = {
      name: Buffer.from(item.name, 'utf8'),
      flags: UTF8_NAMES | DATA_DESCRIPTOR,
      method: 0,
      crc: 0,
      compressed: item.size,
      size: item.size,
      offset: position,
      ...dosTime(item.modified ?? new Date()),
    };
    written.push(e);
    // Iterated by hand, so a consumer that stops between entries still closes an opened source.
    const chunks = item.source[Symbol.asyncIterator]();
    let [crc, seen, drained] = [0, 0, false];
    try {
      yield out(localHeader(e));
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        const bytes = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
        crc = crc32(bytes, crc);
        seen += bytes.length;
        if (seen > item.size) throw new Error(`${item.name}: more than the expected ${item.size} bytes`);
        yield out(bytes);
      }
      drained = true;
    } finally {
      if (!drained) await chunks.return?.();
    }
    if (seen !== item.size) throw new Error(`${item.name}: expected ${item.size} bytes, read ${seen}`);
    e.crc = crc;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(item.size, 8);
    descriptor.writeUInt32LE(item.size, 12);
    yield out(descriptor);
  }
  const cdOffset = position;
  for (const e of written) yield out(centralRecord(e, false));
  yield endRecords(written.length, cdOffset, position - cdOffset, false);
}
