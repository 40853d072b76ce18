/** The every-drill property for the senior drills (see drill-property.ts). */
import { checkDrills } from './drill-property';

checkDrills('senior', 8);
