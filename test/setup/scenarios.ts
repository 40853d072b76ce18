// The simulation worker loads the built-in scenarios on demand (src/console/scenario-catalogue.ts);
// tests resolve them synchronously, as the debrief's worker and the CLI do.
import '../../src/console/all-scenarios';
