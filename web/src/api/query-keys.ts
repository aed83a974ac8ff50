/** TanStack Query keys, in one place so caches are updated consistently. */
export const queryKeys = {
  meta: ['meta'] as const,
  me: ['me'] as const,
  models: ['models'] as const,
  generations: ['generations'] as const,
  generation: (id: string) => ['generation', id] as const,
  trash: ['trash'] as const,
  credits: ['credits'] as const,
  billing: ['billing'] as const,
  devMail: ['dev-mail'] as const,
  sessions: ['sessions'] as const,
  exports: ['exports'] as const,
  export: (id: string) => ['export', id] as const,
  privacyRequests: ['privacy-requests'] as const,
  policy: ['policy'] as const,
  legal: (slug: string) => ['legal', slug] as const,
  adminPrivacyRequests: (status: string | null) => ['admin-privacy-requests', status ?? 'all'] as const,
};
