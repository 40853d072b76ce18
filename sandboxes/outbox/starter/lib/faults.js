// The errors the harness raises when a fault is injected. Each has a `name` you can test for
// (err.name === 'BrokerUnavailable') without importing the class.

/**
 * The process died at this point. In production nothing after this line would run: no catch
 * block, no finally, no "mark as done". Let it propagate; the checks then start a fresh process.
 */
export class ProcessCrash extends Error {
  constructor(where) {
    super(`simulated crash: the process died ${where}`);
    this.name = 'ProcessCrash';
  }
}

/** The broker refused a publish or a delivery: it is down, or refused this one call. */
export class BrokerUnavailable extends Error {
  constructor(reason) {
    super(`broker unavailable: ${reason}`);
    this.name = 'BrokerUnavailable';
  }
}

/** The database rolled the transaction back at commit (think deadlock or serialization failure). */
export class CommitFailed extends Error {
  constructor(database) {
    super(`${database}: the commit failed and the transaction was rolled back; none of its writes happened`);
    this.name = 'CommitFailed';
  }
}

/** An insert or update broke a unique constraint (a primary key or a UNIQUE (a, b)). */
export class UniqueViolation extends Error {
  constructor(constraint, values) {
    super(`duplicate key value violates unique constraint "${constraint}": ${JSON.stringify(values)} already exists`);
    this.name = 'UniqueViolation';
    this.constraint = constraint;
  }
}

/** Two transactions waited for each other's row locks; this one was rolled back to break the circle. */
export class DeadlockDetected extends Error {
  constructor(database, table) {
    super(`${database}: deadlock detected while locking rows of "${table}"; this transaction was rolled back`);
    this.name = 'DeadlockDetected';
  }
}
