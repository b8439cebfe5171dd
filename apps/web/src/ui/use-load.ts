import { useCallback, useEffect, useState } from 'react';

export type LoadState<T> = { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; error: unknown; data?: T };

/**
 * Loads data once on mount and again on `reload()`; aborts the request when the component
 * goes away. `load` must be stable (wrap it in useCallback or define it at module level).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): [LoadState<T>, () => void] {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((prev) => ({ status: 'error', error, data: prev.data }));
      },
    );
    return () => controller.abort();
  }, [load, generation]);

  const reload = useCallback(() => {
    setState((prev) => ({ status: 'loading', data: prev.data }));
    setGeneration((g) => g + 1);
  }, []);

  return [state, reload];
}
