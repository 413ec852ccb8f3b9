import { Badge, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { MIN_PRODUCT_QUERY, type ProductSummary, productName, useProductSearch } from './catalogue.api';

type ProductSearchProps = {
  label: string;
  /** The chosen CIP13, or null. */
  value: string | null;
  onChange: (product: ProductSummary | null) => void;
  error?: ReactNode;
  required?: boolean;
  description?: ReactNode;
  placeholder?: string;
  clearable?: boolean;
  disabled?: boolean;
  w?: number | string;
  'data-autofocus'?: boolean;
};

const optionLabel = (product: ProductSummary) => `${productName(product)} — ${product.cip13}`;

/**
 * Chooses a drug presentation from the catalogue: type two characters of its name, or a
 * CIP13, CIP7 or CIS code; each option shows the name, the box and the CIP13. Used wherever
 * a form needs a product.
 */
export function ProductSearch({ label, value, onChange, error, required, ...rest }: ProductSearchProps) {
  const { t } = useI18n();
  // Every product seen in an answer, so the chosen one stays shown while the results change.
  const known = useRef(new Map<string, ProductSummary>());
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);

  // A value set from outside (an address, a table row) is looked up by its code once.
  const lookup = useProductSearch(value && !known.current.has(value) ? value : '', 1);
  const selected = value ? (known.current.get(value) ?? lookup.data?.items.find((p) => p.cip13 === value)) : undefined;
  if (selected) known.current.set(selected.cip13, selected);

  // The box shows the chosen option's text: that is not a new search.
  const typed = debounced.trim();
  const searching = typed !== (selected ? optionLabel(selected) : '');
  const results = useProductSearch(searching ? typed : '');
  const found = searching ? (results.data?.items ?? []) : [];
  for (const product of found) known.current.set(product.cip13, product);
  const options = selected && !found.some((p) => p.cip13 === selected.cip13) ? [selected, ...found] : found;

  const nothingFound =
    typed.length < MIN_PRODUCT_QUERY
      ? t('productSearch.typeMore')
      : results.isFetching
        ? t('common.loading')
        : t('productSearch.none');

  return (
    <Select
      label={label}
      required={required}
      error={error}
      placeholder={t('productSearch.placeholder')}
      searchable
      clearable
      value={value}
      onChange={(cip13) => onChange(cip13 ? (known.current.get(cip13) ?? null) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((product) => ({ value: product.cip13, label: optionLabel(product) }))}
      // The server already matched words, prefixes and codes: keep every option it sent.
      filter={({ options: all }) => all}
      nothingFoundMessage={nothingFound}
      rightSection={results.isFetching || lookup.isFetching ? <Loader size="xs" /> : undefined}
      maxDropdownHeight={340}
      renderOption={({ option }) => {
        const product = known.current.get(option.value);
        if (!product) return option.label;
        return (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {productName(product)}
            </Text>
            {product.name ? (
              <Text size="xs" c="dimmed">
                {product.label}
              </Text>
            ) : null}
            <Group gap={6}>
              <Text size="xs" ff="monospace">
                {product.cip13}
              </Text>
              {product.marketed ? null : (
                <Badge size="xs" color="gray" variant="light">
                  {t('productSearch.notMarketed')}
                </Badge>
              )}
              {product.pdaExcluded ? (
                <Badge size="xs" color="orange" variant="light">
                  {t('productSearch.pdaExcluded')}
                </Badge>
              ) : null}
            </Group>
          </Stack>
        );
      }}
      {...rest}
    />
  );
}

type ProductForm = {
  values: { cip13: string | null };
  errors: Record<string, ReactNode>;
  setFieldValue: (path: 'cip13', value: string | null) => void;
};

/** ProductSearch's value, change and error bound to a form's `cip13` field; `then` runs after each choice, with it. */
export function productField(form: ProductForm, then?: (product: ProductSummary | null) => void) {
  return {
    value: form.values.cip13,
    onChange: (product: ProductSummary | null) => {
      form.setFieldValue('cip13', product?.cip13 ?? null);
      then?.(product);
    },
    error: form.errors.cip13,
  };
}
