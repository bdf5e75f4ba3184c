import { Upcoming } from '../components/Upcoming';

export function CallsScreen() {
  return <Upcoming title="Calls" willHold="The weekly InHANCE support-call notes and action items, tracked in Smartsheet and documented in Confluence." />;
}
