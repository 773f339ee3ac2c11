import { createContext, useContext } from 'react';
import type { RuntimeConfig } from './runtime-config';

/** The loaded configuration, for every page. */
interface AppServices {
  config: RuntimeConfig;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp must be used inside <AppContext.Provider>');
  return value;
}
