/** The every-drill property for the mid drills (see drill-property.ts). */
import { checkDrills } from './drill-property';

checkDrills('mid', 8);
