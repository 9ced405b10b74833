export type Option = { id: string; name: string };
export type CategoryOption = Option & { depth: number; path: string[] };

/** What the knowledge pickers and filters offer: the organization's engagements, categories, tags and authors. */
export type KnowledgeOptions = {
  engagements: Option[];
  categories: CategoryOption[];
  tags: Option[];
  authors: Option[];
};

/** A category's label in a flat `<select>`: indented by depth so the tree stays readable. */
export function categoryLabel(category: CategoryOption): string {
  return `${'\u00a0\u00a0'.repeat(category.depth)}${category.name}`;
}
