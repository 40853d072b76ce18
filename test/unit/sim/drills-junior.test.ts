/** The every-drill property for the junior drills (see drill-property.ts). */
import { checkDrills } from './drill-property';

checkDrills('junior', 8);
