import { useReadinessEvents } from '../conversion/conversion.store';
import { usePaymentsEvents } from '../payments/payments.store';
import { useAppEvents } from './app.store';
import { useThemeEvents } from './theme.store';

/** The stores that follow main's events for the app's whole life, subscribed once, at the root. */
export function StoreEvents(): null {
  useThemeEvents();
  useAppEvents();
  useReadinessEvents();
  usePaymentsEvents();
  return null;
}
