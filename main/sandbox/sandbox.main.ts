import { main } from './sandbox.commands';

// `npm run sandbox`: the two simulators alone.
void main();
