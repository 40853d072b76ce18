// A tiny SQL database in memory, standing in for PostgreSQL. It understands a small dialect
// (SELECT, INSERT, UPDATE, DELETE, DROP TABLE; WHERE with =, <>, <, >, <=, >=, LIKE, AND, OR, NOT
// and parentheses; ORDER BY; LIMIT; $1-style parameters; -- comments) and, like a real database,
// it does exactly what the SQL text says. Text pasted into a query becomes SQL:
//
//   conn.query(`SELECT id FROM users WHERE email = '${email}'`)   // email = "' OR '1'='1": every row
//   conn.query('SELECT id FROM users WHERE email = $1', [email])   // a value, never parsed as SQL
//
// As with PostgreSQL's simple query protocol, a query WITHOUT parameters may hold several
// statements separated by ";" (that is what turns an injection into DELETE or DROP); a query with
// parameters may hold only one.
//
// Roles are enforced by the database, not by the application:
//   owner      everything, including DROP TABLE (migrations only)
//   app        SELECT, INSERT, UPDATE, DELETE on users and invoices
//   reporting  SELECT on invoices only: read-only, and no access to users or password hashes
//
//   const db = createDatabase();
//   const conn = db.connect('app');
//   const { rows, rowCount } = conn.query('SELECT name FROM users WHERE id = $1', [1]);
//   db.log      every query: { role, sql, params, error? }
//   db.dump()   a deep copy of every table, to compare before and after

const GRANTS = {
  owner: { '*': ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'DROP'] },
  app: { users: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], invoices: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
  reporting: { invoices: ['SELECT'] },
};

export class SqlError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'SqlError';
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------- tokenizer

function tokenize(sql) {
  const tokens = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i += 1;
    } else if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= sql.length) throw new SqlError('unterminated quoted string', '42601');
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += sql[i];
        i += 1;
      }
      tokens.push({ type: 'string', value });
    } else if (c === '$' && /\d/.test(sql[i + 1] ?? '')) {
      const m = /^\$(\d+)/.exec(sql.slice(i));
      tokens.push({ type: 'param', index: Number(m[1]) });
      i += m[0].length;
    } else if (/\d/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(sql.slice(i));
      tokens.push({ type: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i));
      tokens.push({ type: 'word', value: m[0], upper: m[0].toUpperCase() });
      i += m[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      if (['<=', '>=', '<>', '!='].includes(two)) {
        tokens.push({ type: 'op', value: two });
        i += 2;
      } else if ('=<>,()*;'.includes(c)) {
        tokens.push({ type: c === ';' ? 'semi' : c === ',' || c === '(' || c === ')' || c === '*' ? c : 'op', value: c });
        i += 1;
      } else {
        throw new SqlError(`syntax error at or near "${c}"`, '42601');
      }
    }
  }
  return tokens;
}

// ------------------------------------------------------------------------------------- parser

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'ORDER', 'BY', 'ASC', 'DESC', 'LIMIT', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'DROP', 'TABLE', 'LIKE', 'NULL', 'TRUE', 'FALSE']);

function parseStatement(tokens) {
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isWord = (w) => peek()?.type === 'word' && peek().upper === w;
  const expectWord = (w) => {
    const t = next();
    if (!t || t.type !== 'word' || t.upper !== w) throw new SqlError(`syntax error at or near "${t?.value ?? 'end of input'}": expected ${w}`, '42601');
  };
  const expect = (type) => {
    const t = next();
    if (!t || t.type !== type) throw new SqlError(`syntax error at or near "${t?.value ?? 'end of input'}": expected "${type}"`, '42601');
    return t;
  };
  const identifier = () => {
    const t = next();
    if (!t || t.type !== 'word' || KEYWORDS.has(t.upper)) throw new SqlError(`syntax error at or near "${t?.value ?? 'end of input'}": expected a name`, '42601');
    return t.value.toLowerCase();
  };
  const operand = () => {
    const t = next();
    if (!t) throw new SqlError('syntax error at end of input', '42601');
    if (t.type === 'string') return { kind: 'value', value: t.value };
    if (t.type === 'number') return { kind: 'value', value: t.value };
    if (t.type === 'param') return { kind: 'param', index: t.index };
    if (t.type === 'word' && t.upper === 'NULL') return { kind: 'value', value: null };
    if (t.type === 'word' && t.upper === 'TRUE') return { kind: 'value', value: true };
    if (t.type === 'word' && t.upper === 'FALSE') return { kind: 'value', value: false };
    if (t.type === 'word' && !KEYWORDS.has(t.upper)) return { kind: 'column', name: t.value.toLowerCase() };
    throw new SqlError(`syntax error at or near "${t.value}"`, '42601');
  };
  function primary() {
    if (isWord('NOT')) {
      next();
      return { kind: 'not', expr: primary() };
    }
    if (peek()?.type === '(') {
      next();
      const expr = orExpr();
      expect(')');
      return expr;
    }
    const left = operand();
    const t = peek();
    if (t?.type === 'op') {
      next();
      return { kind: 'cmp', op: t.value, left, right: operand() };
    }
    if (t?.type === 'word' && t.upper === 'LIKE') {
      next();
      return { kind: 'cmp', op: 'LIKE', left, right: operand() };
    }
    return { kind: 'truthy', operand: left };
  }
  function andExpr() {
    let left = primary();
    while (isWord('AND')) {
      next();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  }
  function orExpr() {
    let left = andExpr();
    while (isWord('OR')) {
      next();
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  }
  const where = () => {
    if (!isWord('WHERE')) return null;
    next();
    return orExpr();
  };

  let stmt;
  const head = next();
  if (!head || head.type !== 'word') throw new SqlError(`syntax error at or near "${head?.value ?? 'end of input'}"`, '42601');
  switch (head.upper) {
    case 'SELECT': {
      let columns = [];
      if (peek()?.type === '*') {
        next();
        columns = '*';
      } else {
        columns.push(identifier());
        while (peek()?.type === ',') {
          next();
          columns.push(identifier());
        }
      }
      expectWord('FROM');
      const table = identifier();
      const filter = where();
      let order = null;
      if (isWord('ORDER')) {
        next();
        expectWord('BY');
        order = { column: identifier(), desc: false };
        if (isWord('ASC')) next();
        else if (isWord('DESC')) {
          next();
          order.desc = true;
        }
      }
      let limit = null;
      if (isWord('LIMIT')) {
        next();
        limit = operand();
      }
      stmt = { action: 'SELECT', table, columns, filter, order, limit };
      break;
    }
    case 'INSERT': {
      expectWord('INTO');
      const table = identifier();
      expect('(');
      const columns = [identifier()];
      while (peek()?.type === ',') {
        next();
        columns.push(identifier());
      }
      expect(')');
      expectWord('VALUES');
      expect('(');
      const values = [operand()];
      while (peek()?.type === ',') {
        next();
        values.push(operand());
      }
      expect(')');
      if (values.length !== columns.length) throw new SqlError('INSERT has more target columns than expressions', '42601');
      stmt = { action: 'INSERT', table, columns, values };
      break;
    }
    case 'UPDATE': {
      const table = identifier();
      expectWord('SET');
      const sets = [];
      do {
        if (sets.length > 0) next();
        const column = identifier();
        const eq = next();
        if (eq?.value !== '=') throw new SqlError(`syntax error at or near "${eq?.value ?? 'end of input'}": expected =`, '42601');
        sets.push({ column, value: operand() });
      } while (peek()?.type === ',');
      stmt = { action: 'UPDATE', table, sets, filter: where() };
      break;
    }
    case 'DELETE': {
      expectWord('FROM');
      const table = identifier();
      stmt = { action: 'DELETE', table, filter: where() };
      break;
    }
    case 'DROP': {
      expectWord('TABLE');
      stmt = { action: 'DROP', table: identifier() };
      break;
    }
    default:
      throw new SqlError(`syntax error at or near "${head.value}"`, '42601');
  }
  if (pos < tokens.length) throw new SqlError(`syntax error at or near "${tokens[pos].value}"`, '42601');
  return stmt;
}

// ---------------------------------------------------------------------------------- evaluator

function like(text, pattern) {
  const re = new RegExp(`^${String(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
  return re.test(String(text));
}

function compare(op, a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (op === 'LIKE') return like(a, b);
  // Like PostgreSQL with untyped literals: compared as numbers when one side is a number, else as text.
  const numeric = (typeof a === 'number' || typeof b === 'number') && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b));
  const [x, y] = numeric ? [Number(a), Number(b)] : [String(a), String(b)];
  switch (op) {
    case '=':
      return x === y;
    case '<>':
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      throw new SqlError(`operator does not exist: ${op}`, '42883');
  }
}

export function createDatabase({ seed = emptySchema() } = {}) {
  const tables = structuredClone(seed);
  const log = [];

  function table(name) {
    const t = tables[name];
    if (!t) throw new SqlError(`relation "${name}" does not exist`, '42P01');
    return t;
  }

  function value(operand, row, params) {
    if (operand.kind === 'value') return operand.value;
    if (operand.kind === 'param') {
      if (operand.index < 1 || operand.index > params.length) throw new SqlError(`there is no parameter $${operand.index}`, '42P02');
      return params[operand.index - 1];
    }
    if (!row || !(operand.name in row)) throw new SqlError(`column "${operand.name}" does not exist`, '42703');
    return row[operand.name];
  }

  function matches(expr, row, params) {
    if (!expr) return true;
    switch (expr.kind) {
      case 'and':
        return matches(expr.left, row, params) && matches(expr.right, row, params);
      case 'or':
        return matches(expr.left, row, params) || matches(expr.right, row, params);
      case 'not':
        return !matches(expr.expr, row, params);
      case 'cmp':
        return compare(expr.op, value(expr.left, row, params), value(expr.right, row, params));
      case 'truthy': {
        const v = value(expr.operand, row, params);
        return v === true || v === 't' || v === 'true';
      }
      default:
        throw new SqlError('unsupported expression', '0A000');
    }
  }

  function allowed(role, action, tableName) {
    const grants = GRANTS[role];
    const list = grants[tableName] ?? grants['*'] ?? [];
    return list.includes(action);
  }

  function run(role, stmt, params) {
    if (!allowed(role, stmt.action, stmt.table)) {
      const what = stmt.action === 'DROP' ? `must be owner of table ${stmt.table}` : `permission denied for table ${stmt.table}`;
      throw new SqlError(what, '42501');
    }
    if (stmt.action === 'DROP') {
      table(stmt.table);
      delete tables[stmt.table];
      return { rows: [], rowCount: 0 };
    }
    const t = table(stmt.table);
    if (stmt.action === 'SELECT') {
      let rows = t.rows.filter((row) => matches(stmt.filter, row, params));
      if (stmt.order) {
        const { column, desc } = stmt.order;
        if (!t.columns.includes(column)) throw new SqlError(`column "${column}" does not exist`, '42703');
        rows = [...rows].sort((a, b) => (a[column] < b[column] ? -1 : a[column] > b[column] ? 1 : 0) * (desc ? -1 : 1));
      }
      if (stmt.limit) rows = rows.slice(0, Number(value(stmt.limit, null, params)));
      const columns = stmt.columns === '*' ? t.columns : stmt.columns;
      for (const c of columns) if (!t.columns.includes(c)) throw new SqlError(`column "${c}" does not exist`, '42703');
      return { rows: rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]]))), rowCount: rows.length };
    }
    if (stmt.action === 'INSERT') {
      const row = Object.fromEntries(t.columns.map((c) => [c, null]));
      if (t.columns.includes('id')) row.id = t.rows.reduce((m, r) => Math.max(m, r.id), 0) + 1;
      stmt.columns.forEach((c, i) => {
        if (!t.columns.includes(c)) throw new SqlError(`column "${c}" does not exist`, '42703');
        row[c] = value(stmt.values[i], null, params);
      });
      t.rows.push(row);
      return { rows: [], rowCount: 1 };
    }
    if (stmt.action === 'UPDATE') {
      const hit = t.rows.filter((row) => matches(stmt.filter, row, params));
      for (const row of hit) {
        for (const { column, value: v } of stmt.sets) {
          if (!t.columns.includes(column)) throw new SqlError(`column "${column}" does not exist`, '42703');
          row[column] = value(v, row, params);
        }
      }
      return { rows: [], rowCount: hit.length };
    }
    if (stmt.action === 'DELETE') {
      const keep = t.rows.filter((row) => !matches(stmt.filter, row, params));
      const removed = t.rows.length - keep.length;
      t.rows = keep;
      return { rows: [], rowCount: removed };
    }
    throw new SqlError(`unsupported statement ${stmt.action}`, '0A000');
  }

  function query(role, sql, params = []) {
    const entry = { role, sql: String(sql), params: [...params] };
    log.push(entry);
    try {
      if (typeof sql !== 'string') throw new SqlError('query text must be a string', '42601');
      if (!Array.isArray(params)) throw new SqlError('parameters must be an array', '08P01');
      const statements = [];
      let current = [];
      for (const token of tokenize(sql)) {
        if (token.type === 'semi') {
          if (current.length > 0) statements.push(current);
          current = [];
        } else current.push(token);
      }
      if (current.length > 0) statements.push(current);
      if (statements.length === 0) return { rows: [], rowCount: 0 };
      if (statements.length > 1 && params.length > 0) throw new SqlError('cannot insert multiple commands into a prepared statement', '42601');
      let result;
      for (const tokens of statements) result = run(role, parseStatement(tokens), params);
      return result;
    } catch (err) {
      entry.error = err.message;
      throw err;
    }
  }

  return {
    /** A connection that runs every query as `role` ('owner', 'app' or 'reporting'). */
    connect(role) {
      if (!(role in GRANTS)) throw new SqlError(`role "${role}" does not exist`, '28000');
      return { role, query: (sql, params) => query(role, sql, params) };
    },
    log,
    dump() {
      return structuredClone(tables);
    },
  };
}

/** The schema with no rows. */
export function emptySchema() {
  return {
    users: { columns: ['id', 'email', 'name', 'password_hash'], rows: [] },
    invoices: { columns: ['id', 'customer', 'total', 'issued'], rows: [] },
  };
}
