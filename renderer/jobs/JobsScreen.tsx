import { Upcoming } from '../components/Upcoming';

export function JobsScreen() {
  return <Upcoming title="Jobs" willHold="The live dashboard of the six web-service jobs (Invoice File, Balance, Balance All, Customer, Auto Pay, Payments): last and next run, progress, errors, history." />;
}
