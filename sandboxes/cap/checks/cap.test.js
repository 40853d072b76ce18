// The checks, in the order of the checklist: first the harness's checker proves itself, then your
// CP replica, then your AP replica. They live in three modules but run in one process, which keeps
// the whole run fast.
import './checker-checks.js';
import './cp-checks.js';
import './ap-checks.js';
