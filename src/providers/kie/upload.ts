import { newToken } from '../../lib/ids.js';
import type { ReferenceImage } from '../types.js';
import { dataRecord } from './envelope.js';
import { kieError } from './errors.js';
import { callKie, type KieHttpOptions } from './http.js';

/** Folder on KIE's upload host; no leading or trailing slash (kie.md §1.8). */
const UPLOAD_PATH = 'animegen';

/**
 * Uploads one reference to KIE's file host and returns the URL to pass to the
 * model. KIE's files expire (24 h to 3 days), so upload right before
 * createTask and never store the URL. Every upload gets a name of its own
 * (a random token before the extension): re-uploading a name overwrites the
 * file and a cache may serve the old bytes to a task still reading it.
 */
export async function uploadReference(http: KieHttpOptions, uploadBaseUrl: string, reference: ReferenceImage): Promise<string> {
  const fileName = reference.name.replace(/(\.[a-z0-9]+)?$/i, `-${newToken(8)}$1`);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(reference.bytes)], { type: reference.contentType }), fileName);
  form.append('uploadPath', UPLOAD_PATH);
  form.append('fileName', fileName);
  const envelope = await callKie(http, 'POST', `${uploadBaseUrl}/api/file-stream-upload`, form);
  // Older docs show `fileUrl`; real responses carry `downloadUrl` only.
  const downloadUrl = dataRecord(envelope, 'file upload').downloadUrl;
  if (typeof downloadUrl !== 'string' || !/^https?:\/\//.test(downloadUrl)) {
    throw kieError('provider_unavailable', 'file upload: response without a downloadUrl');
  }
  return downloadUrl;
}
