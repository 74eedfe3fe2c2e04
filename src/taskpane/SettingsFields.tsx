/**
 * The settings that shape the workbooks (organisation, region, year, deadline, contact, ceilings):
 * one set of fields, shown in 汇总 and where the committee workbooks are made.
 */
import * as React from 'react';
import { Field, Input } from '@fluentui/react-components';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import { t, type Lang } from '../i18n/taskpane';

export interface SettingsFieldsProps {
  catalog: Catalog;
  settings: Settings;
  lang: Lang;
  onSettings: (s: Settings) => void;
  /** Fields to show (default all). */
  only?: ('organisation' | 'region' | 'year' | 'deadline' | 'contact' | 'ceilings')[];
  /** The region field is required (the outline has “**”) and empty: say so on the field. */
  regionRequired?: boolean;
}

export function SettingsFields({ catalog, settings, lang, onSettings, only, regionRequired }: SettingsFieldsProps): React.JSX.Element {
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => onSettings({ ...settings, [k]: v });
  const show = (k: NonNullable<SettingsFieldsProps['only']>[number]) => !only || only.includes(k);
  const regionMissing = !!regionRequired && !settings.region.trim();
  return (
    <>
      {show('organisation') && (
        <Field label={t(lang, 'organisation')}>
          <Input value={settings.organisation} onChange={(_, d) => set('organisation', d.value)} />
        </Field>
      )}
      {show('region') && (
        <Field label={t(lang, 'region')} required={regionRequired} validationState={regionMissing ? 'warning' : 'none'} validationMessage={regionMissing ? t(lang, 'regionNeeded') : undefined}>
          <Input value={settings.region} onChange={(_, d) => set('region', d.value)} />
        </Field>
      )}
      {show('year') && (
        <Field label={t(lang, 'year')}>
          <Input type="number" value={String(settings.year)} onChange={(_, d) => set('year', Number(d.value) || settings.year)} />
        </Field>
      )}
      {show('deadline') && (
        <Field label={t(lang, 'deadline')}>
          <Input type="date" value={settings.deadline} onChange={(_, d) => set('deadline', d.value)} />
        </Field>
      )}
      {show('contact') && (
        <Field label={t(lang, 'contact')}>
          <Input value={settings.contact} onChange={(_, d) => set('contact', d.value)} />
        </Field>
      )}
      {show('ceilings') && (
        <fieldset>
          <legend>{t(lang, 'ceilings', { unit: settings.budgetUnit })}</legend>
          {catalog.committees.map((c) => (
            <Field key={c.id} label={c.name}>
              <Input
                type="number"
                aria-label={t(lang, 'ceilingOf', { name: c.name })}
                value={settings.ceilings[c.id] === undefined ? '' : String(settings.ceilings[c.id])}
                onChange={(_, d) => {
                  const ceilings = { ...settings.ceilings };
                  if (d.value === '') delete ceilings[c.id];
                  else ceilings[c.id] = Number(d.value);
                  set('ceilings', ceilings);
                }}
              />
            </Field>
          ))}
        </fieldset>
      )}
    </>
  );
}
