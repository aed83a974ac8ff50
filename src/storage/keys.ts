/**
 * The only place object keys are built. Names are server-generated ids, never
 * anything a user typed, so a key cannot escape its folder.
 */
const id = (value: string) => {
  if (!/^[A-Za-z0-9-]+$/.test(value)) throw new Error(`unsafe id in storage key: ${value}`);
  return value;
};

export const storageKeys = {
  upload: (userId: string, uploadId: string, ext: string) => `users/${id(userId)}/uploads/${id(uploadId)}.${id(ext)}`,
  original: (userId: string, generationId: string, imageId: string, ext: string) =>
    `users/${id(userId)}/generations/${id(generationId)}/${id(imageId)}.${id(ext)}`,
  thumbnail: (userId: string, generationId: string, imageId: string) =>
    `users/${id(userId)}/generations/${id(generationId)}/${id(imageId)}.thumb.webp`,
  exportArchive: (userId: string, exportId: string) => `users/${id(userId)}/exports/${id(exportId)}.zip`,
  preview: (userId: string, generationId: string, imageId: string) =>
    `users/${id(userId)}/generations/${id(generationId)}/${id(imageId)}.preview.webp`,
};
