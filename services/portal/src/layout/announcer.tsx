import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

/**
 * One live region for the outcome of an action ("saved, checking again"). It outlives the
 * form that caused it: a fixed order leaves the holds list, its form with it.
 */
const AnnounceContext = createContext<(message: string) => void>(() => {});

export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((m: string) => setMessage(m), []);
  return (
    <AnnounceContext.Provider value={announce}>
      <p role="status" className="announcer">
        {message}
      </p>
      {children}
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

/** For a promise whose failure the mutation's own error state already shows. */
export function ignore(): void {}
