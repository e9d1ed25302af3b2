import { useTranslation } from 'react-i18next';
import { AREAS, type Area } from './areas';

/** The area navigation: a list of buttons, the current one marked for assistive technology. */
export function NavBar({ current, onSelect }: { current: Area; onSelect: (area: Area) => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('app.navLabel')} className="nav-bar">
      <ul>
        {AREAS.map((area) => (
          <li key={area}>
            <button type="button" data-area={area} aria-current={area === current ? 'page' : undefined} onClick={() => onSelect(area)}>
              {t(`nav.${area}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
