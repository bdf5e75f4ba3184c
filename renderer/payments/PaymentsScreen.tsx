import { Upcoming } from '../components/Upcoming';

export function PaymentsScreen() {
  return <Upcoming title="Payments" willHold="The pending-payments posting queue: payments from InvoiceCloud waiting in InHANCE batch entries, posted by clicking or by keyboard, with exceptions, returns and the daily report." />;
}
