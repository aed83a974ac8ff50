import { Button } from '../../components/ui/button.js';
import { CopyIcon, DownloadIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { copyText } from '../../lib/clipboard.js';

/** One-time backup codes, with copy and download (a plain text file) so they are saved somewhere safe. */
export function BackupCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const text = `${t('security.twoFactor.codesFileHeader')}\n\n${codes.join('\n')}\n`;

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'animegen-backup-codes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div>
      <ul className="grid grid-cols-2 gap-2 rounded-xl bg-zinc-900/[0.03] p-3 sm:grid-cols-2 dark:bg-white/5" data-testid="backup-codes">
        {codes.map((c) => (
          <li
            key={c}
            className="rounded-lg bg-white px-2 py-1.5 text-center font-mono text-sm tracking-wider shadow-sm ring-1 ring-zinc-900/5 dark:bg-ink-900 dark:ring-white/10"
            data-testid="backup-code"
          >
            {c}
          </li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          icon={<CopyIcon size={16} />}
          onClick={() => void copyText(codes.join('\n'), t('security.twoFactor.copied'), t('security.twoFactor.copyFailed'))}
        >
          {t('security.twoFactor.copy')}
        </Button>
        <Button variant="secondary" size="sm" icon={<DownloadIcon size={16} />} onClick={download} data-testid="download-backup-codes">
          {t('security.twoFactor.download')}
        </Button>
      </div>
    </div>
  );
}
