import { makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Text for screen readers only, where the screen says the same thing with a colour or a sign. */
export function VisuallyHidden(props: { children: ReactNode }) {
  return <span className={useStyles().hidden}>{props.children}</span>;
}
