/**
 * Views the popup does not need for its first paint (forms, settings, a line's detail,
 * backup) are split into their own chunks and loaded on first use, or in the background
 * right after the list painted (`preload`), so opening the popup parses less code.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyView<P> {
  (props: P): ReturnType<FunctionComponent<P>>;
  preload(): Promise<unknown>;
}

export function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>): LazyView<P> {
  let loaded: FunctionComponent<P> | null = null;
  let pending: Promise<FunctionComponent<P>> | null = null;
  const preload = () =>
    (pending ??= load().then((component) => {
      loaded = component;
      return component;
    }));
  function Lazy(props: P) {
    const [Component, setComponent] = useState<FunctionComponent<P> | null>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      void preload().then((component) => live && setComponent(() => component));
      return () => {
        live = false;
      };
    }, []);
    return Component ? <Component {...props} /> : null;
  }
  Lazy.preload = preload;
  return Lazy;
}
