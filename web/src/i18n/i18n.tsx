import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Catalogue, en, fr, type MessageKey } from './catalogue';
import { formatMessage, type Params } from './format';

export { isMessageKey, type MessageKey } from './catalogue';
export type { Params } from './format';
export type Lang = 'fr' | 'en';
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Lang, Catalogue> = { fr, en };
const STORAGE_KEY = 'officoop.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

type I18nValue = { lang: Lang; setLang: (lang: Lang) => void; t: Translate };
const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for the page only.
    }
  }, [lang]);

  const t = useCallback<Translate>((key, params) => formatMessage(catalogues[lang][key], params, lang), [lang]);
  const value = useMemo(() => ({ lang, setLang: setLangState, t }), [lang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
