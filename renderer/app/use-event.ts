import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../shared/contract';
import { api } from './api';

/** Subscribes to a main-process event for the life of the component (unsubscribes on unmount). */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.on(event, (payload) => ref.current(payload)), [event]);
}

/** Calls `fn` at most once per `ms`, trailing: stores re-fetch after a burst of change events. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
