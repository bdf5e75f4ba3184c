import { FluentProvider } from '@fluentui/react-components';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { StoreEvents } from './app/StoreEvents';
import { startThemeSync, useTheme } from './app/theme.store';
import { fluentTheme } from './app/themes';

function Themed() {
  const theme = useTheme((s) => s.theme);
  useEffect(() => {
    // Native parts (scrollbars, date pickers, the page behind the app) follow the same scheme.
    document.documentElement.style.colorScheme = theme;
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <FluentProvider theme={fluentTheme(theme)} style={{ height: '100%' }}>
      <StoreEvents />
      <App />
    </FluentProvider>
  );
}

startThemeSync();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Themed />
  </StrictMode>,
);
