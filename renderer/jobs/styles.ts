import { makeStyles } from '@fluentui/react-components';

/** Styles more than one part of the dashboard uses. */
export const useSharedStyles = makeStyles({
  /** Read by screen readers, not drawn: labels that the layout already makes plain to the eye. */
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Numbers line up on the right, headers included (Fluent puts header text in an inner flex box). */
export const useNumberStyles = makeStyles({
  cell: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  header: { textAlign: 'right', '& > *': { justifyContent: 'flex-end' } },
});
