import { useCallback, useEffect, useRef, useState } from 'react';
import type { Upload } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { uploadReference } from '../../api/generations.js';

/** At most this many references per generation, whatever the model allows. */
export const MAX_REFERENCES = 4;
export const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export type Reference =
  | { key: string; state: 'uploading'; name: string; preview: string }
  | { key: string; state: 'ready'; name: string; preview: string; upload: Upload }
  | { key: string; state: 'error'; name: string; preview: string | null; errorKey: string; errorParams?: Record<string, unknown> };

let counter = 0;
const nextKey = () => `ref-${++counter}`;

/**
 * Reference images for the Create form: each file is checked here (type, size,
 * how many), uploaded at once, and shown with its own state and error.
 */
export function useReferenceUploads(limit: number, maxBytes: number) {
  const [refs, setRefs] = useState<Reference[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const objectUrls = useRef(new Set<string>());

  useEffect(
    () => () => {
      for (const c of controllers.current.values()) c.abort();
      for (const u of objectUrls.current) URL.revokeObjectURL(u);
    },
    [],
  );

  const refsRef = useRef(refs);
  refsRef.current = refs;

  const patch = (key: string, next: Reference) => setRefs((list) => list.map((r) => (r.key === key ? next : r)));

  /** Starts one upload and returns its placeholder entry. */
  const start = (key: string, file: File): Reference => {
    const preview = URL.createObjectURL(file);
    objectUrls.current.add(preview);
    const controller = new AbortController();
    controllers.current.set(key, controller);
    uploadReference(file, controller.signal)
      .then((upload) => patch(key, { key, state: 'ready', name: file.name, preview, upload }))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) patch(key, { key, state: 'error', name: file.name, preview, errorKey: errorMessageKey(err) });
      })
      .finally(() => controllers.current.delete(key));
    return { key, state: 'uploading', name: file.name, preview };
  };

  const add = (files: Iterable<File>) => {
    let room = limit - refsRef.current.filter((r) => r.state !== 'error').length;
    const added: Reference[] = [];
    for (const file of files) {
      const key = nextKey();
      const fail = (errorKey: string, errorParams?: Record<string, unknown>) =>
        added.push({ key, state: 'error', name: file.name, preview: null, errorKey, errorParams });
      if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) fail('create.references.wrongType');
      else if (file.size > maxBytes) fail('create.references.tooLarge', { max: maxBytes });
      else if (room <= 0) fail('create.references.tooMany', { count: limit });
      else {
        room -= 1;
        added.push(start(key, file));
      }
    }
    setRefs((current) => [...current, ...added]);
  };

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setRefs((list) => list.filter((r) => r.key !== key));
  }, []);

  /** Replaces the list with already-uploaded images (used by Remix). */
  const reset = useCallback((uploads: Upload[]) => {
    for (const c of controllers.current.values()) c.abort();
    setRefs(uploads.map((upload) => ({ key: nextKey(), state: 'ready', name: upload.id, preview: upload.url, upload })));
  }, []);

  const ready = refs.flatMap((r) => (r.state === 'ready' ? [r.upload] : []));
  return { refs, ready, add, remove, reset, uploading: refs.some((r) => r.state === 'uploading') };
}
