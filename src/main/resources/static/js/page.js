// Pages whose forms need nothing beyond data-api / data-then.
import { bindAll } from './forms.js';

bindAll();
