// A stand-in for the shared PostgreSQL database. The checks and demos switch it off and on to
// play a failover: fail() makes every call fail the way an unreachable database does, recover()
// brings it back.
//
//   await db.ping()        the cheap "SELECT 1" a health check would run: resolves when the
//                          database answers, rejects when it is unreachable
//   await db.query(sql)    any other query (the app loads its routing table with one)
//   db.fail() / db.recover()
//   db.isUp                whether it answers right now
//   db.calls               how many calls (ping or query) it has had: the load your probes put on it

export function fakeDatabase() {
  let up = true;
  let calls = 0;
  function call() {
    calls += 1;
    if (!up) {
      const err = new Error('connect ECONNREFUSED 10.0.3.7:5432');
      err.code = 'ECONNREFUSED';
      throw err;
    }
  }
  return {
    async ping() {
      call();
    },
    async query(sql) {
      call();
      return { sql, rows: [] };
    },
    fail() {
      up = false;
    },
    recover() {
      up = true;
    },
    get isUp() {
      return up;
    },
    get calls() {
      return calls;
    },
  };
}
