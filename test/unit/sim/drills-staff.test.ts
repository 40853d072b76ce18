/** The every-drill property for the staff drills (see drill-property.ts). */
import { checkDrills } from './drill-property';

checkDrills('staff', 3);
