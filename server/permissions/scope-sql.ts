import { rulesToAST } from '@casl/ability/extra';
import type { CompoundCondition, Condition, FieldCondition } from '@ucast/core';
import type { Action, AppAbility, SubjectName } from './ability';

/** The SQL expressions a query offers for the fields that rules test. */
export type ScopeColumns = Partial<Record<'orgPath' | 'rootId', string>>;

/**
 * Translates the ability's rules for (action, subject) into one SQL boolean expression, pushing
 * values onto `params` as $n placeholders. No rule at all means nothing is visible: FALSE.
 */
export function scopeSql(ability: AppAbility, action: Action, subject: SubjectName, columns: ScopeColumns, params: unknown[]): string {
  const ast = rulesToAST(ability, action, subject);
  if (ast === null) return 'FALSE';
  return interpret(ast, columns, params);
}

function column(columns: ScopeColumns, field: string): string {
  const sql = columns[field as keyof ScopeColumns];
  if (!sql) throw new Error(`rules test "${field}" but the query offers no column for it`);
  return sql;
}

function interpret(node: Condition, columns: ScopeColumns, params: unknown[]): string {
  const place = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (node.operator) {
    case 'and':
    case 'or': {
      const parts = (node as CompoundCondition).value.map((child) => interpret(child, columns, params));
      if (parts.length === 0) return node.operator === 'and' ? 'TRUE' : 'FALSE';
      return `(${parts.join(node.operator === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return `NOT (${(node as CompoundCondition).value.map((child) => interpret(child, columns, params)).join(' AND ')})`;
    case 'under': {
      const field = node as FieldCondition<string>;
      return `${column(columns, field.field)} <@ ${place(field.value)}::ltree`;
    }
    case 'eq': {
      const field = node as FieldCondition;
      return `${column(columns, field.field)} = ${place(field.value)}`;
    }
    case 'in': {
      const field = node as FieldCondition<unknown[]>;
      return `${column(columns, field.field)} = ANY(${place(field.value)})`;
    }
    default:
      throw new Error(`no SQL for the rule operator "${node.operator}"`);
  }
}
