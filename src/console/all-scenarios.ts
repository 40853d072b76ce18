/** Makes every built-in scenario available at once (see scenario-catalogue.ts): for workers, tools and tests, not for the simulation worker. */
import * as builtIns from '../sim/scenarios/index';
import { provideScenarioCatalogue } from './scenario-catalogue';

provideScenarioCatalogue(builtIns);
