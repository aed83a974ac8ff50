import { useQuery } from '@tanstack/react-query';
import { getDevMail } from '../../api/dev-mail.js';
import { queryKeys } from '../../api/query-keys.js';

/** The dev mailbox, polled every two seconds so new e-mails appear on their own. */
export const useDevMail = (enabled: boolean) =>
  useQuery({ queryKey: queryKeys.devMail, queryFn: getDevMail, enabled, refetchInterval: 2000 });
