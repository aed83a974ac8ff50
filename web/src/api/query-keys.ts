/** TanStack Query keys, in one place so caches are updated consistently. */
export const queryKeys = {
  meta: ['meta'] as const,
  me: ['me'] as const,
  models: ['models'] as const,
  generations: ['generations'] as const,
  generation: (id: string) => ['generation', id] as const,
  credits: ['credits'] as const,
  billing: ['billing'] as const,
  devMail: ['dev-mail'] as const,
};
