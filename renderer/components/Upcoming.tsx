import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { ScreenHeader } from './ScreenHeader';

const useStyles = makeStyles({ body: { padding: `0 ${tokens.spacingHorizontalXL}`, maxWidth: '70ch' } });

/** A screen that a later release builds: says in one line what it will hold, shows no data. */
export function Upcoming(props: { title: string; willHold: string }) {
  const styles = useStyles();
  return (
    <>
      <ScreenHeader title={props.title} />
      <div className={styles.body}>
        <Text>Coming in a later release. This screen will hold: {props.willHold}</Text>
      </div>
    </>
  );
}
