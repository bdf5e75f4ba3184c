import { main } from './sandbox.cli';

// `npm run sandbox`: the two simulators alone.
void main();
