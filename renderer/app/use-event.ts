import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../shared/contract';
import { api } from './api';

/**
 * The renderer's one way to hear main's events: a hook, so every subscription ends with the component
 * that made it. A store that must follow events for the app's life exports a `use…Events` hook, and
 * StoreEvents mounts it at the root. (ESLint refuses `api.on` anywhere else.)
 */

/** Subscribes to a main-process event for the life of the component (unsubscribes on unmount). */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.on(event, (payload) => ref.current(payload)), [event]);
}

/** `useEvent` for several events with one listener (the list must not change between renders). */
export function useEvents<E extends EventName>(
  events: readonly E[],
  listener: (payload: EventPayload<E>) => void,
): void {
  const ref = useRef(listener);
  ref.current = listener;
  const key = events.join(' ');
  useEffect(() => {
    const offs = key.split(' ').map((e) => api.on(e as E, (payload) => ref.current(payload)));
    return () => offs.forEach((off) => off());
  }, [key]);
}

/** Calls `fn` at most once per `ms`, trailing: stores re-fetch after a burst of change events. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
