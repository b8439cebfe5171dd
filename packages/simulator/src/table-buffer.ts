import { bulkInsert, type BulkColumnType, type BulkValue, type SqlRunner } from '@autofin/db';

/** Column-major row buffer for one table, flushed with one multi-row INSERT … unnest per chunk. */
export class TableBuffer {
  readonly columns: ReadonlyArray<readonly [string, BulkColumnType]>;
  private values: BulkValue[][];
  private count = 0;

  constructor(
    readonly table: string,
    columns: ReadonlyArray<readonly [string, BulkColumnType]>,
  ) {
    this.columns = columns;
    this.values = columns.map(() => []);
  }

  get size(): number {
    return this.count;
  }

  push(...row: BulkValue[]): void {
    if (row.length !== this.columns.length) throw new Error(`${this.table}: expected ${this.columns.length} values, got ${row.length}`);
    for (let i = 0; i < row.length; i++) this.values[i]!.push(row[i]!);
    this.count++;
  }

  /** Hands the rows over for insertion and starts a fresh buffer. */
  take(): TakenRows {
    const taken = new TakenRows(this.table, this.columns, this.values, this.count);
    this.values = this.columns.map(() => []);
    this.count = 0;
    return taken;
  }
}

export class TakenRows {
  constructor(
    readonly table: string,
    private readonly columns: ReadonlyArray<readonly [string, BulkColumnType]>,
    private readonly values: BulkValue[][],
    readonly count: number,
  ) {}

  async insert(db: SqlRunner, chunkSize = 5_000): Promise<number> {
    if (this.count === 0) return 0;
    return bulkInsert(
      db,
      this.table,
      this.columns.map(([name, type], i) => ({ name, type, values: this.values[i]! })),
      { chunkSize },
    );
  }
}
