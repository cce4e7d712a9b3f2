// Create (#/programmes/new) or change (#/programmes/{id}/edit) a programme: every field of the API's ProgrammeRequest —
// code, name, description, region, base programme or district adaptation, period, delivering RTIs, services offered,
// eligibility (regions, districts, NACE prefixes, size classes, enrolment window) and co-funding shares. A change sends
// the version it read, so a save over someone else's change is refused (409) instead of overwriting it. Refusals are
// shown next to the fields the service names. Administrators and agency analysts only; the API decides the region.
import { programme as loadProgramme, programmes as allProgrammes, saveProgramme } from '../data/programmes.js';
import { districts as loadDistricts, regions as loadRegions, rtis as loadRtis } from '../data/registry.js';
import { h, clear, page, field, select, showProblem, clearProblem, uid } from '../ui.js';
import { label, services as serviceNames, sizeClasses } from '../labels.js';

export async function render(view, ctx) {
  const editing = ctx.params.id;
  await page(view, editing ? 'Change programme' : 'New programme',
    editing ? 'Change any field and save; the list and its enrolments stay as they are.'
      : 'A regional programme, or the adaptation of one to a district; firms are enrolled on its page once it is saved.',
    async () => {
      const [current, regionList, districtList, rtiList, programmeList] = await Promise.all([
        editing ? loadProgramme(editing, ctx.signal) : null, loadRegions(ctx.signal), loadDistricts(ctx.signal),
        loadRtis(ctx.signal), allProgrammes(ctx.signal)]);
      return programmeForm(current, { regionList, districtList, rtiList, programmeList }, ctx);
    }, 'Loading the form…');
}

/** A fieldset of checkboxes, one per option ({value, label}), with `checked` values ticked. */
function checks(name, legend, options, checked, hint) {
  const set = new Set((checked || []).map(String));
  const fieldset = h('fieldset', { 'data-field': name, tabindex: -1 }, h('legend', { text: legend }),
    hint ? h('p', { class: 'muted small', text: hint }) : null,
    h('div', { class: 'checks' }, options.map((o) => {
      const id = uid(name.replace(/\W/g, '-'));
      return h('label', { class: 'checkbox', for: id },
        h('input', { type: 'checkbox', id, name, value: o.value, checked: set.has(String(o.value)) }), o.label);
    })));
  fieldset.values = () => [...fieldset.querySelectorAll('input:checked')].map((i) => i.value);
  fieldset.replaceOptions = (next) => {
    const keep = new Set(fieldset.values());
    fieldset.querySelector('.checks').replaceChildren(...next.map((o) => {
      const id = uid(name.replace(/\W/g, '-'));
      return h('label', { class: 'checkbox', for: id }, h('input', { type: 'checkbox', id, name, value: o.value, checked: keep.has(String(o.value)) }), o.label);
    }));
    fieldset.hidden = !next.length;
  };
  return fieldset;
}

/** The region and every region inside it (regions carry their parentId). */
function regionAndBelow(regionId, regionList) {
  const inside = new Set([String(regionId)]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of regionList) {
      if (r.parentId && inside.has(String(r.parentId)) && !inside.has(String(r.id))) { inside.add(String(r.id)); grew = true; }
    }
  }
  return inside;
}

function programmeForm(p, { regionList, districtList, rtiList, programmeList }, ctx) {
  const agency = ctx.user.role === 'AGENCY_ANALYST';
  // an agency manages its own region's programmes only; the API refuses any other (403)
  const ownRegions = agency ? regionList.filter((r) => String(r.id) === String(ctx.user.regionId)) : regionList;
  const e = p?.eligibility || {};
  const code = h('input', { name: 'code', required: true, maxlength: 64, autocomplete: 'off', value: p?.code || '' });
  const name = h('input', { name: 'name', required: true, maxlength: 200, value: p?.name || '' });
  const description = h('textarea', { name: 'description', rows: 3, maxlength: 4000 });
  description.value = p?.description || '';
  const region = select('regionId', ownRegions.map((r) => ({ value: r.id, label: r.name })), p?.regionId ?? ownRegions[0]?.id);
  const parent = select('parentId', [], '');
  const district = select('districtId', [], '');
  const startsOn = h('input', { name: 'startsOn', type: 'date', required: true, value: p?.startsOn || new Date().toISOString().slice(0, 10) });
  const endsOn = h('input', { name: 'endsOn', type: 'date', value: p?.endsOn || '' });
  const rtiIds = checks('rtiIds', 'Delivered by (RTIs)', rtiList.map((i) => ({ value: i.id, label: i.name })), p?.rtiIds,
    'Each RTI named here serves the firms enrolled in the programme.');
  const offered = checks('services', 'Services offered', serviceNames().map((s) => ({ value: s.code, label: s.name })), p?.services);
  const eligibleRegions = checks('eligibility.regionIds', 'Eligible regions', [], e.regionIds);
  const eligibleDistricts = checks('eligibility.districtIds', 'Eligible districts', [], e.districtIds);
  const nace = h('input', { name: 'naceCodes', value: (e.naceCodes || []).join(', '), placeholder: 'e.g. 15, 23.3' });
  const sizes = checks('eligibility.sizeClasses', 'Size classes', sizeClasses().map((s) => ({ value: s.code, label: s.name })), e.sizeClasses);
  const enrolFrom = h('input', { name: 'enrolFrom', type: 'date', value: e.enrolFrom || '' });
  const enrolUntil = h('input', { name: 'enrolUntil', type: 'date', value: e.enrolUntil || '' });
  const publicShare = h('input', { name: 'publicShare', type: 'number', min: 0, max: 100, step: '0.01', required: true,
    value: p?.coFunding?.publicShare ?? 50 });
  const firmShare = h('input', { name: 'firmShare', type: 'number', min: 0, max: 100, step: '0.01', required: true,
    value: p?.coFunding?.firmShare ?? 50 });
  // the shares add up to 100: typing one fills in the other
  publicShare.addEventListener('input', () => { if (publicShare.value !== '') firmShare.value = String(Math.round((100 - Number(publicShare.value)) * 100) / 100); });
  firmShare.addEventListener('input', () => { if (firmShare.value !== '') publicShare.value = String(Math.round((100 - Number(firmShare.value)) * 100) / 100); });
  const coFunding = h('fieldset', { 'data-field': 'coFunding', tabindex: -1 }, h('legend', { text: 'Co-funding of a supported project (percent; adds up to 100)' }),
    h('div', { class: 'form-grid' }, field('Public share', publicShare), field('Firm\'s share', firmShare)));
  const eligibility = h('fieldset', { 'data-field': 'eligibility', tabindex: -1 }, h('legend', { text: 'Who may enrol (an empty choice sets no rule)' }),
    eligibleRegions, eligibleDistricts,
    h('div', { class: 'form-grid' }, field('NACE code prefixes', nace, 'comma-separated, e.g. 15 or 23.3'),
      field('Enrolment opens', enrolFrom), field('Enrolment closes', enrolUntil)), sizes);
  const districtField = field('District it is adapted to', district);

  // The choices that depend on the region: base programmes to adapt, and its districts and sub-regions.
  const refreshRegion = () => {
    const inside = regionAndBelow(region.value, regionList);
    const bases = programmeList.filter((x) => !x.parentId && String(x.regionId) === String(region.value) && String(x.id) !== String(p?.id));
    const chosenParent = parent.value || (p?.parentId ?? '');
    clear(parent, [{ value: '', label: 'None: a regional base programme' }, ...bases.map((b) => ({ value: b.id, label: `Adaptation of ${b.code} — ${b.name}` }))]
      .map((o) => h('option', { value: o.value, text: o.label, selected: String(o.value) === String(chosenParent) })));
    const here = districtList.filter((d) => inside.has(String(d.regionId)));
    const chosenDistrict = district.value || (p?.districtId ?? '');
    clear(district, here.map((d) => h('option', { value: d.id, text: `${d.name} (${label.region(d.regionId)})`, selected: String(d.id) === String(chosenDistrict) })));
    eligibleRegions.replaceOptions(regionList.filter((r) => inside.has(String(r.id))).map((r) => ({ value: r.id, label: r.name })));
    eligibleDistricts.replaceOptions(here.map((d) => ({ value: d.id, label: d.name })));
    districtField.hidden = !parent.value;
  };
  region.addEventListener('change', refreshRegion);
  parent.addEventListener('change', () => { districtField.hidden = !parent.value; });
  refreshRegion();

  const controls = { code, name, description, regionId: region, parentId: parent, districtId: district, startsOn, endsOn, rtiIds,
    services: offered, eligibility, 'eligibility.regionIds': eligibleRegions, 'eligibility.districtIds': eligibleDistricts,
    'eligibility.naceCodes': nace, 'eligibility.sizeClasses': sizes, 'eligibility.enrolFrom': enrolFrom,
    'eligibility.enrolUntil': enrolUntil, coFunding, 'coFunding.publicShare': publicShare, 'coFunding.firmShare': firmShare };
  const box = h('div', { id: 'programme-problem' });
  const save = h('button', { type: 'submit', class: 'button button-primary', id: 'programme-save', text: p ? 'Save changes' : 'Create programme' });
  const form = h('form', { class: 'card', id: 'programme-form', 'aria-label': p ? `Change ${p.code}` : 'New programme', novalidate: true },
    h('div', { class: 'form-grid' }, field('Code', code, 'letters, digits, . _ -; unique'), field('Name', name), field('Region (the agency\'s)', region)),
    field('Description', description),
    h('div', { class: 'form-grid' }, field('Base programme', parent), districtField, field('Starts on', startsOn), field('Ends on', endsOn, 'empty: open-ended')),
    rtiIds, offered, eligibility, coFunding, box,
    h('p', {}, save, ' ', h('a', { class: 'button', href: p ? `#/programmes/${p.id}` : '#/programmes', text: 'Cancel' })));
  const ids = (list) => list.map(Number);
  const orNull = (v) => (v === '' ? null : v);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form, box);
    const body = {
      code: code.value.trim(), name: name.value.trim(), description: orNull(description.value.trim()),
      regionId: Number(region.value), parentId: parent.value ? Number(parent.value) : null,
      districtId: parent.value && district.value ? Number(district.value) : null,
      startsOn: orNull(startsOn.value), endsOn: orNull(endsOn.value),
      rtiIds: ids(rtiIds.values()), services: offered.values(),
      eligibility: { regionIds: ids(eligibleRegions.values()), districtIds: ids(eligibleDistricts.values()),
        naceCodes: nace.value.split(/[,\s]+/).filter((c) => c), sizeClasses: sizes.values(),
        enrolFrom: orNull(enrolFrom.value), enrolUntil: orNull(enrolUntil.value) },
      coFunding: { publicShare: publicShare.value === '' ? null : Number(publicShare.value), firmShare: firmShare.value === '' ? null : Number(firmShare.value) },
      version: p ? p.version : null,
    };
    save.disabled = true;
    try {
      const saved = await saveProgramme(body, p?.id);
      location.hash = `#/programmes/${saved.id}?saved=${p ? 'changed' : 'created'}`;
    } catch (err) {
      if (err?.name !== 'AbortError') showProblem(form, box, err, controls);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}
