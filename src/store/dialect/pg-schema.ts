import {
  type ColumnDefinitionNode,
  DataTypeNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

/**
 * Migrations are written once, in SQLite's vocabulary. On PostgreSQL two column types mean
 * something else and are translated when the DDL is compiled:
 * - `real` is a 4-byte float there; money and token counts need the 8-byte `double precision`
 *   (SQLite's REAL), docs/architecture.md §4 "full precision in the store";
 * - `integer primary key autoincrement` becomes `bigserial primary key`.
 */
class PgTypes extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node);
    if (!out.autoIncrement) return out;
    return { ...out, autoIncrement: false, dataType: DataTypeNode.create("bigserial") };
  }

  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === "real" ? DataTypeNode.create("double precision") : node;
  }
}

export class PgSchemaPlugin implements KyselyPlugin {
  private readonly t = new PgTypes();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const k = args.node.kind;
    return k === "CreateTableNode" || k === "AlterTableNode" ? this.t.transformNode(args.node) : args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
