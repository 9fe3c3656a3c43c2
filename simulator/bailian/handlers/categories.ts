/** Category operations (fact sheet bailian-files.md §2). */
import { invalidParameter } from '../errors.ts';
import type { CategoryType } from '../state.ts';
import { okResponse } from '../wire.ts';
import { requireWorkspace, type BailianContext } from './context.ts';

export function addCategory(ctx: BailianContext) {
  const b = ctx.input as { CategoryName: string; CategoryType: CategoryType; ParentCategoryId?: string };
  const cat = ctx.state.addCategory(requireWorkspace(ctx), { name: b.CategoryName, type: b.CategoryType, parentId: b.ParentCategoryId });
  return okResponse(ctx.headers, ctx.requestId, { CategoryId: cat.id, CategoryName: cat.name });
}

export function listCategory(ctx: BailianContext) {
  const b = ctx.input as { CategoryType: CategoryType; CategoryName?: string; ParentCategoryId?: string; MaxResults?: number; NextToken?: string };
  const max = ctx.opts.listMaxResults;
  if (b.MaxResults !== undefined && b.MaxResults > max) throw invalidParameter('MaxResults', `MaxResults must be an integer from 1 to ${max}.`);
  const page = ctx.state.listCategories(requireWorkspace(ctx), {
    type: b.CategoryType,
    name: b.CategoryName === '' ? undefined : b.CategoryName,
    parentId: b.ParentCategoryId,
    maxResults: b.MaxResults ?? 20,
    nextToken: b.NextToken,
  });
  return okResponse(ctx.headers, ctx.requestId, {
    CategoryList: page.items.map((c) => ({
      CategoryId: c.id,
      CategoryName: c.name,
      CategoryType: c.type,
      IsDefault: c.isDefault,
      ...(c.parentId !== undefined ? { ParentCategoryId: c.parentId } : {}),
    })),
    HasNext: page.nextToken !== undefined,
    MaxResults: page.maxResults,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    TotalCount: page.total,
  });
}

export function deleteCategory(ctx: BailianContext) {
  const cat = ctx.state.deleteCategory(requireWorkspace(ctx), ctx.params.CategoryId!);
  return okResponse(ctx.headers, ctx.requestId, { CategoryId: cat.id });
}
